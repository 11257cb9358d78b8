using System.Text.Json;
using System.Text.Json.Serialization;

namespace EdTech.Application.Common;

/// <summary>
/// A PATCH field (JSON Merge Patch, RFC 7396): absent leaves the value alone, present sets it, and
/// present-but-null clears it. The serializer only calls the converter for fields that are present.
/// </summary>
[JsonConverter(typeof(OptionalJsonConverterFactory))]
public readonly record struct Optional<T>(bool IsSet, T Value)
{
    public static Optional<T> Absent => default;

    /// <summary>The patched value if set, else <paramref name="current"/>.</summary>
    public T Or(T current) => IsSet ? Value : current;
}

public sealed class OptionalJsonConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(Optional<>);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(OptionalJsonConverter<>).MakeGenericType(typeToConvert.GetGenericArguments()[0]))!;

    private sealed class OptionalJsonConverter<T> : JsonConverter<Optional<T>>
    {
        public override bool HandleNull => true;

        // The element's own converter (not a nested Deserialize), so a type error keeps its JSON path ("quotas.maxStudents").
        public override Optional<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            new(true, reader.TokenType == JsonTokenType.Null ? default! : ((JsonConverter<T>)options.GetConverter(typeof(T))).Read(ref reader, typeof(T), options)!);

        public override void Write(Utf8JsonWriter writer, Optional<T> value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize(writer, value.Value, options);
    }
}
