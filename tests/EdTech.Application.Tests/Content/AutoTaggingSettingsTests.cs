using EdTech.Application.Content.Suggestions;
using EdTech.Application.Content.Tagging.AutoTagging;
using EdTech.Application.Records;

namespace EdTech.Application.Tests.Content;

public sealed class AutoTaggingSettingsTests
{
    [Fact]
    public void From_Unset_IsTheDefault() =>
        Assert.Equal(AutoTaggingSettings.Default, AutoTaggingSettings.From(null, null));

    [Fact]
    public void From_Values_AreRead() =>
        Assert.Equal(new AutoTaggingSettings(TimeSpan.FromSeconds(2.5), 0.6), AutoTaggingSettings.From("2.5", "0.6"));

    [Theory]
    [InlineData("-1", null, "Tagging:DebounceSeconds")]
    [InlineData("soon", null, "Tagging:DebounceSeconds")]
    [InlineData(null, "0", "Tagging:AutoApplyConfidence")]
    [InlineData(null, "1.5", "Tagging:AutoApplyConfidence")]
    public void From_BadValue_Throws_NamingTheSetting(string? debounce, string? confidence, string setting)
    {
        var error = Assert.Throws<InvalidOperationException>(() => AutoTaggingSettings.From(debounce, confidence));

        Assert.Contains(setting, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.8, true)]
    [InlineData(0.7, true)]
    [InlineData(0.81, false)]
    public void IsAbove_EverySkillMustReachTheConfidence(double min, bool expected) =>
        Assert.Equal(expected, AcceptSuggestionsAbove.IsAbove(Suggestion(new SkillConfidence("a", 0.9), new SkillConfidence("b", 0.8)), min));

    [Fact]
    public void IsAbove_NoConfidence_OrNoSkills_IsNeverAbove()
    {
        Assert.False(AcceptSuggestionsAbove.IsAbove(Suggestion(new SkillConfidence("a", null)), 0.01));
        Assert.False(AcceptSuggestionsAbove.IsAbove(Suggestion(), 0.01));
    }

    private static ItemSuggestionRecord Suggestion(params SkillConfidence[] skills) =>
        new("quiz1:q1", "math101", "quiz1", "q1", SuggestionStatus.Pending, "h", 1,
            new TagSuggestion("q1", "quiz1", [.. skills.Select(s => s.SkillId)], "easy", null, null, new SkillSuggestion(skills, 1, null, null, new TaggerInfo("offline", "t"))),
            ItemSuggestionRecord.AutoSource, DateTimeOffset.UnixEpoch);
}
