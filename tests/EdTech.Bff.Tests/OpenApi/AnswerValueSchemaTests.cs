using System.Text.Json;
using EdTech.Bff.Tests.Infrastructure;

namespace EdTech.Bff.Tests.OpenApi;

/// <summary>The answer schema is what the wire carries (docs/item-types.md), and the item options are a named component.</summary>
public sealed class AnswerValueSchemaTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Theory]
    [InlineData("student")]
    [InlineData("teacher")]
    public async Task Document_AnswerValue_IsOneOfTheFiveWireShapes(string role)
    {
        using var document = JsonDocument.Parse(await OpenApiDocumentFetch.GetAsync(factory, role));

        var answer = document.RootElement.GetProperty("components").GetProperty("schemas").GetProperty("AnswerValue");

        Assert.False(answer.TryGetProperty("properties", out _), answer.ToString());
        var shapes = answer.GetProperty("oneOf").EnumerateArray().Select(s => s.GetProperty("type").GetString()).ToList();
        Assert.Equal(["string", "array", "number", "boolean", "object"], shapes);
    }

    [Fact]
    public async Task TeacherDocument_ItemInput_HasTheOptionsComponent()
    {
        using var document = JsonDocument.Parse(await OpenApiDocumentFetch.GetAsync(factory, "teacher"));

        var schemas = document.RootElement.GetProperty("components").GetProperty("schemas");

        Assert.True(schemas.GetProperty("ItemInput").GetProperty("properties").TryGetProperty("options", out _));
        var options = schemas.GetProperty("ItemOptions").GetProperty("properties");
        foreach (var name in new[] { "scoring", "acceptedAnswers", "caseSensitive", "whitespace", "pattern", "relativeTolerance", "pairs", "distractors", "blanks" })
        {
            Assert.True(options.TryGetProperty(name, out _), name);
        }

        Assert.True(schemas.TryGetProperty("MatchPair", out _));
        Assert.True(schemas.TryGetProperty("BlankKey", out _));
    }
}
