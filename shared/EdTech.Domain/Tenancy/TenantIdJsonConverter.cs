using System.Text.Json;
using System.Text.Json.Serialization;

namespace EdTech.Domain.Tenancy;

/// <summary>A tenant id crosses durable and JSON boundaries as its plain string.</summary>
public sealed class TenantIdJsonConverter : JsonConverter<TenantId>
{
    public override TenantId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var value = reader.GetString();
        return TenantId.IsValid(value) ? new TenantId(value!) : throw new JsonException($"'{value}' is not a valid tenant id.");
    }

    public override void Write(Utf8JsonWriter writer, TenantId value, JsonSerializerOptions options) => writer.WriteStringValue(value.Value);
}
