using EdTech.Application.Content.Tagging;

namespace EdTech.Bff.Tests.Content;

public sealed class TagAnswerSchemaTests
{
    [Fact]
    public void FencedAnswer_WithMessyTags_IsRepaired()
    {
        var (answer, error) = TagAnswerSchema.Read("""
            ```json
            {"tags":["  Linear Equations ","linear_equations","ALGEBRA",""],"difficulty":" Medium ","rationale":"Solve for x."}
            ```
            """);

        Assert.Null(error);
        Assert.Equal(["linear-equations", "algebra"], answer!.Tags);
        Assert.Equal("medium", answer.Difficulty);
        Assert.Equal("Solve for x.", answer.Rationale);
    }

    [Fact]
    public void TooManyTags_AreCutToTheMaximum_AndLongRationaleIsTruncated()
    {
        var tags = string.Join(',', Enumerable.Range(1, 12).Select(i => $"\"t{i}\""));
        var (answer, _) = TagAnswerSchema.Read($$"""{"tags":[{{tags}}],"difficulty":"easy","rationale":"{{new string('x', 900)}}"}""");

        Assert.Equal(TagAnswerSchema.MaxTags, answer!.Tags.Count);
        Assert.Equal(TagAnswerSchema.MaxRationaleLength, answer.Rationale!.Length);
    }

    [Theory]
    [InlineData("", "no text")]
    [InlineData("primes, number theory", "not a JSON object")]
    [InlineData("""{"tags":["a",}""", "malformed JSON")]
    [InlineData("""{"difficulty":"easy"}""", "'tags'")]
    [InlineData("""{"tags":[1,2],"difficulty":"easy"}""", "usable tag")]
    [InlineData("""{"tags":["a"],"difficulty":"trivial"}""", "difficulty")]
    [InlineData("""{"tags":["a"]}""", "difficulty")]
    public void UnusableAnswer_IsRejectedWithTheReason(string text, string reason)
    {
        var (answer, error) = TagAnswerSchema.Read(text);

        Assert.Null(answer);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }
}
