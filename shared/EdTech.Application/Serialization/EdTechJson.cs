using System.Text.Json;
using System.Text.Json.Serialization;

namespace EdTech.Application.Serialization;

/// <summary>The one JSON shape for stored documents and the public API: camelCase, web defaults.</summary>
public static class EdTechJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.PropertyNameCaseInsensitive = true;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.MaxDepth = 32;
        if (!options.Converters.OfType<AnswerValueJsonConverter>().Any())
        {
            options.Converters.Add(new AnswerValueJsonConverter());
        }
    }

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Configure(options);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
