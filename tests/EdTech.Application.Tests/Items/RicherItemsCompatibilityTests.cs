using System.Text.Json;
using EdTech.Application.Assessments;
using EdTech.Application.Records;
using EdTech.Application.Serialization;
using EdTech.Application.Submissions;
using EdTech.Domain.Assessments;
using EdTech.Domain.Grading;

namespace EdTech.Application.Tests.Items;

/// <summary>Assessments and answers stored before the richer item types read, grade and serialize as before; the new shapes round-trip.</summary>
public sealed class RicherItemsCompatibilityTests
{
    /// <summary>An item set as stored before item options existed (no "options" field).</summary>
    private const string StoredItems = """
        [{"id":"q1","type":"single-choice","prompt":"2+2?","choices":["3","4"],"answer":"4","points":1,"skills":[]},
         {"id":"q2","type":"multi-choice","prompt":"Primes?","choices":["2","3","4"],"answer":["2","3"],"points":2,"skills":[]},
         {"id":"q3","type":"numeric","prompt":"pi?","answer":3.14,"tolerance":0.01,"points":1,"skills":[]},
         {"id":"q4","type":"short-text","prompt":"Capital?","answer":"Paris","points":1,"skills":[]}]
        """;

    [Fact]
    public void StoredItems_WithoutOptions_ReadGradeAndSerializeAsBefore()
    {
        var items = JsonSerializer.Deserialize<List<AssessmentItem>>(StoredItems, EdTechJson.Options)!;

        Assert.All(items, i => Assert.Null(i.Options));
        Assert.Equal(Compact(StoredItems), JsonSerializer.Serialize(items, EdTechJson.Options));
        Assert.Equal(0, ItemGrader.Grade(items[1], AnswerValue.OfChoices(["2"])));   // still all-or-nothing
        Assert.Equal(2, ItemGrader.Grade(items[1], AnswerValue.OfChoices(["3", "2"])));
        Assert.Equal(1, ItemGrader.Grade(items[3], AnswerValue.OfText(" PARIS ")));
        Assert.Equal(0, ItemGrader.Grade(items[3], AnswerValue.OfText("Pa ris")));
    }

    [Theory]
    [InlineData("true")]
    [InlineData("false")]
    [InlineData("""{"France":"Paris","Italy":"Rome"}""")]
    [InlineData("""["b","a"]""")]
    [InlineData("\"text\"")]
    [InlineData("3.5")]
    public void AnswerValue_EveryShape_RoundTrips(string json) =>
        Assert.Equal(json, JsonSerializer.Serialize(JsonSerializer.Deserialize<AnswerValue>(json, EdTechJson.Options), EdTechJson.Options));

    [Fact]
    public void AnswerValue_PairsInAnyOrder_AreEqualAndSerializeTheSame()
    {
        var a = JsonSerializer.Deserialize<AnswerValue>("""{"Italy":"Rome","France":"Paris"}""", EdTechJson.Options)!;
        var b = JsonSerializer.Deserialize<AnswerValue>("""{"France":"Paris","Italy":"Rome"}""", EdTechJson.Options)!;

        Assert.Equal(a, b);
        Assert.Equal("""{"France":"Paris","Italy":"Rome"}""", JsonSerializer.Serialize(a, EdTechJson.Options));
    }

    [Theory]
    [InlineData("""{"France":"Paris","France":"Rome"}""")]
    [InlineData("""{"France":1}""")]
    [InlineData("""{"France":["Paris"]}""")]
    [InlineData("null")]
    public void AnswerValue_MalformedObject_IsAJsonError(string json)
    {
        var error = Record.Exception(() => JsonSerializer.Deserialize<AnswerValue>(json, EdTechJson.Options));
        if (json == "null")
        {
            Assert.Null(error); // a null answer is "unanswered", handled by the caller
            return;
        }

        Assert.IsType<JsonException>(error);
    }

    [Fact]
    public void BodyHash_CoversPairsAndBooleans_NotPairOrder()
    {
        string Hash(string pairs, bool flag) => SubmissionBodyHash.Of([
            new SubmittedAnswer("ma", JsonSerializer.Deserialize<AnswerValue>(pairs, EdTechJson.Options)), new SubmittedAnswer("tf", AnswerValue.OfBoolean(flag))]);

        Assert.Equal(Hash("""{"a":"1","b":"2"}""", true), Hash("""{"b":"2","a":"1"}""", true));
        Assert.NotEqual(Hash("""{"a":"1","b":"2"}""", true), Hash("""{"a":"2","b":"1"}""", true));
        Assert.NotEqual(Hash("""{"a":"1","b":"2"}""", true), Hash("""{"a":"1","b":"2"}""", false));
    }

    [Fact]
    public void ScoringChanged_OnlyTheItemOptionsChange_IsAScoringChange()
    {
        var item = new AssessmentItem("q2", ItemType.MultiChoice, "p", ["a", "b", "c"], AnswerValue.OfChoices(["a", "b"]), null, 2, []);
        var before = new Assessment("a1", "c1", "t", DateTimeOffset.UnixEpoch, 0, null, null, new ReleasePolicy(ReleasePolicy.Immediate, null), [item]);
        var after = before with { Items = [item with { Options = new ItemOptions(Scoring: ItemScoring.RightMinusWrong) }] };

        Assert.True(AssessmentChanges.ScoringChanged(before, after));
        Assert.False(AssessmentChanges.ScoringChanged(before, before with { Items = [item with { Options = null }] }));
    }

    [Fact]
    public void Stored_EmptyOptions_AreNotStored()
    {
        Assert.Null(ItemOptionRules.Stored(new ItemOptions()));
        Assert.NotNull(ItemOptionRules.Stored(new ItemOptions(CaseSensitive: false)));
    }

    private static string Compact(string json) => JsonSerializer.Serialize(JsonDocument.Parse(json).RootElement);
}
