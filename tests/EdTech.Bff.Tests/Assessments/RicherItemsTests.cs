using System.Net;
using System.Text.Json;
using EdTech.Bff.Tests.Infrastructure;

namespace EdTech.Bff.Tests.Assessments;

/// <summary>
/// The richer item types (docs/item-types.md) through the real pipeline: created with their options, validated on create (422
/// naming items[i] and the field) and on submit (422 naming the answer and the item), graded by the one grader end to end,
/// and shown to students without any key.
/// </summary>
public sealed class RicherItemsTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const string Items = """
        [
          {"id":"mc","type":"multi-choice","prompt":"Primes?","choices":["2","3","4","9"],"answer":["2","3"],"points":2,"skills":["primes"],
           "options":{"scoring":"right-minus-wrong"}},
          {"id":"st","type":"short-text","prompt":"Colour of the sky?","answer":"blue","points":1,"skills":[],
           "options":{"acceptedAnswers":["azure"],"whitespace":"collapse","pattern":"sky[- ]?blue"}},
          {"id":"nu","type":"numeric","prompt":"g in m/s2?","answer":9.81,"points":1,"skills":[],"options":{"relativeTolerance":0.02}},
          {"id":"tf","type":"true-false","prompt":"The earth is flat.","answer":false,"points":1,"skills":[]},
          {"id":"ma","type":"matching","prompt":"Capitals","points":3,"skills":["geography"],
           "options":{"pairs":[{"left":"France","right":"Paris"},{"left":"Italy","right":"Rome"},{"left":"Spain","right":"Madrid"}],"distractors":["Lyon"]}},
          {"id":"or","type":"ordering","prompt":"Oldest first","answer":["1066","1215","1492","1789"],"points":4,"skills":["history"]},
          {"id":"fb","type":"fill-in-the-blanks","prompt":"{{1}} is the capital of {{2}}.","points":2,"skills":[],
           "options":{"blanks":[{"accepted":["Paris"]},{"accepted":["France"],"caseSensitive":true,"pattern":"(the )?French Republic"}]}}
        ]
        """;

    private static string Body(string id, string items = Items) =>
        $$"""{"id":"{{id}}","title":"Rich","dueAt":"{{DateTimeOffset.UtcNow.AddDays(1):O}}","release":{"mode":"immediate"},"items":{{items}}}""";

    [Fact]
    public async Task Submit_EveryNewType_IsGradedByTheRules_EndToEnd()
    {
        var school = await SchoolWithRichAsync("rich1");
        const string answers = """
            {"answers":[
              {"itemId":"mc","value":["2","3","4"]},
              {"itemId":"st","value":"  Sky   blue "},
              {"itemId":"nu","value":9.9},
              {"itemId":"tf","value":false},
              {"itemId":"ma","value":{"Spain":"Madrid","France":"Paris","Italy":"Lyon"}},
              {"itemId":"or","value":["1215","1066","1492","1789"]},
              {"itemId":"fb","value":["paris","france"]}
            ]}
            """;

        var (status, accepted, _) = await school.Client.SendAsync(HttpMethod.Post, "/api/student/assessments/rich1/submissions", school.Student1, rawJson: answers);

        Assert.True(status == HttpStatusCode.Accepted, $"{status} {accepted}");
        var id = accepted.GetProperty("submissionId").GetString()!;
        var released = await school.WaitForStatusAsync(school.Student1, id);
        var (_, view, _) = await school.Client.GetAsync($"/api/teacher/submissions/{id}", school.Teacher);
        var scores = view.GetProperty("itemScores").EnumerateArray().ToDictionary(s => s.GetProperty("itemId").GetString()!, s => s.GetProperty("score").GetDecimal());
        Assert.Equal(1m, scores["mc"]);   // right-minus-wrong: (2 − 1) ÷ 2 × 2
        Assert.Equal(1m, scores["st"]);   // the pattern, after collapsing whitespace, ignoring case
        Assert.Equal(1m, scores["nu"]);   // 9.9 is within 2% of 9.81
        Assert.Equal(1m, scores["tf"]);
        Assert.Equal(2m, scores["ma"]);   // 2 of 3 pairs × 3
        Assert.Equal(3m, scores["or"]);   // longest subsequence 3 of 4 × 4
        Assert.Equal(1m, scores["fb"]);   // blank 2 is case-sensitive: 1 of 2 × 2
        Assert.Equal(10m, released.GetProperty("score").GetDecimal());
        Assert.Equal(14m, released.GetProperty("maxScore").GetDecimal());
    }

    [Fact]
    public async Task StudentView_RichItems_ShowsNoKeys_MatchingRightsSorted_OrderingShuffled()
    {
        var school = await SchoolWithRichAsync("rich2");

        var (status, view, _) = await school.Client.GetAsync("/api/student/assessments/rich2", school.Student1);

        Assert.Equal(HttpStatusCode.OK, status);
        var text = view.GetRawText();
        foreach (var secret in new[] { "\"answer\"", "\"options\"", "\"pairs\"", "\"acceptedAnswers\"", "\"pattern\"", "\"blanks\"", "\"accepted\"", "azure", "sky[-", "French Republic", "relativeTolerance", "\"tolerance\"" })
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }

        var items = view.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("id").GetString()!);
        Assert.Equal(["France", "Italy", "Spain"], Strings(items["ma"].GetProperty("left")));
        Assert.Equal(["Lyon", "Madrid", "Paris", "Rome"], Strings(items["ma"].GetProperty("right")));
        var shown = Strings(items["or"].GetProperty("choices"));
        Assert.Equal(["1066", "1215", "1492", "1789"], shown.Order(StringComparer.Ordinal));
        Assert.NotEqual(["1066", "1215", "1492", "1789"], shown);
        Assert.Equal(2, items["fb"].GetProperty("blankCount").GetInt32());
        Assert.Equal("right-minus-wrong", items["mc"].GetProperty("scoring").GetString());
        Assert.Equal("per-pair", items["ma"].GetProperty("scoring").GetString());
        Assert.False(items["tf"].TryGetProperty("choices", out _));
    }

    [Fact]
    public async Task TeacherRead_RichItems_RoundTripsTheOptions()
    {
        var school = await SchoolWithRichAsync("rich3");

        var (status, view, _) = await school.Client.GetAsync($"/api/teacher/courses/{school.Course}/assessments/rich3", school.Teacher);

        Assert.Equal(HttpStatusCode.OK, status);
        var items = view.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("id").GetString()!);
        Assert.Equal("Madrid", items["ma"].GetProperty("options").GetProperty("pairs")[2].GetProperty("right").GetString());
        Assert.False(items["tf"].GetProperty("answer").GetBoolean());
        Assert.Equal("sky[- ]?blue", items["st"].GetProperty("options").GetProperty("pattern").GetString());
    }

    public static TheoryData<string, string> BadItems => new()
    {
        { """{"id":"x","type":"matching","prompt":"p","points":1,"skills":[],"options":{"pairs":[{"left":"a","right":"b"}]}}""", "items[0].options.pairs" },
        { """{"id":"x","type":"matching","prompt":"p","points":1,"skills":[],"options":{"pairs":[{"left":"a","right":"b"},{"left":"a","right":"c"}]}}""", "items[0].options.pairs" },
        { """{"id":"x","type":"matching","prompt":"p","points":1,"skills":[],"options":{"pairs":[{"left":"a","right":"b"},{"left":"c"}]}}""", "items[0].options.pairs" },
        { """{"id":"x","type":"matching","prompt":"p","points":1,"skills":[]}""", "items[0].options.pairs" },
        { """{"id":"x","type":"matching","prompt":"p","points":1,"skills":[],"options":{"pairs":[{"left":"a","right":"b"},{"left":"c","right":"d"}],"distractors":["b"]}}""", "items[0].options.distractors" },
        { """{"id":"x","type":"matching","prompt":"p","answer":"a","points":1,"skills":[],"options":{"pairs":[{"left":"a","right":"b"},{"left":"c","right":"d"}]}}""", "items[0].answer" },
        { """{"id":"x","type":"multi-choice","prompt":"p","choices":["a","b"],"answer":["a"],"points":1,"skills":[],"options":{"scoring":"per-pair"}}""", "items[0].options.scoring" },
        { """{"id":"x","type":"single-choice","prompt":"p","choices":["a","b"],"answer":"a","points":1,"skills":[],"options":{"scoring":"all-or-nothing"}}""", "items[0].options.scoring" },
        { """{"id":"x","type":"short-text","prompt":"p","answer":"a","points":1,"skills":[],"options":{"pattern":"(a+)+\\1"}}""", "items[0].options.pattern" },
        { """{"id":"x","type":"short-text","prompt":"p","answer":"a","points":1,"skills":[],"options":{"pattern":"(a"}}""", "items[0].options.pattern" },
        { """{"id":"x","type":"short-text","prompt":"p","answer":"a","points":1,"skills":[],"options":{"acceptedAnswers":["b","b"]}}""", "items[0].options.acceptedAnswers" },
        { """{"id":"x","type":"short-text","prompt":"p","answer":"a","points":1,"skills":[],"options":{"whitespace":"squash"}}""", "items[0].options.whitespace" },
        { """{"id":"x","type":"numeric","prompt":"p","answer":1,"points":1,"skills":[],"options":{"relativeTolerance":1.5}}""", "items[0].options.relativeTolerance" },
        { """{"id":"x","type":"numeric","prompt":"p","answer":1,"points":1,"skills":[],"options":{"pattern":"a"}}""", "items[0].options.pattern" },
        { """{"id":"x","type":"true-false","prompt":"p","answer":"true","points":1,"skills":[]}""", "items[0].answer" },
        { """{"id":"x","type":"true-false","prompt":"p","choices":["true","false"],"answer":true,"points":1,"skills":[]}""", "items[0].choices" },
        { """{"id":"x","type":"ordering","prompt":"p","answer":["a","a"],"points":1,"skills":[]}""", "items[0].answer" },
        { """{"id":"x","type":"ordering","prompt":"p","answer":["a"],"points":1,"skills":[]}""", "items[0].answer" },
        { """{"id":"x","type":"ordering","prompt":"p","choices":["b","a"],"answer":["a","b"],"points":1,"skills":[]}""", "items[0].choices" },
        { """{"id":"x","type":"fill-in-the-blanks","prompt":"{{1}} and {{3}}","points":1,"skills":[],"options":{"blanks":[{"accepted":["a"]},{"accepted":["b"]}]}}""", "items[0].prompt" },
        { """{"id":"x","type":"fill-in-the-blanks","prompt":"{{1}}","points":1,"skills":[],"options":{"blanks":[{"accepted":[]}]}}""", "items[0].options.blanks[0].accepted" },
        { """{"id":"x","type":"fill-in-the-blanks","prompt":"{{1}}","points":1,"skills":[],"options":{"blanks":[{"accepted":["a"],"pattern":"(?<=a)b"}]}}""", "items[0].options.blanks[0].pattern" },
        { """{"id":"x","type":"fill-in-the-blanks","prompt":"{{1}}","points":1,"skills":[]}""", "items[0].options.blanks" },
        { """{"id":"x","type":"short-text","prompt":"p","answer":"a","points":1,"skills":[],"options":{"pattern":"(.*a){20}[a-z]{500}"}}""", "items[0].options.pattern" },
        { """{"id":"x","type":"fill-in-the-blanks","prompt":"{{1}}","points":1,"skills":[],"options":{"blanks":[{"accepted":["a"],"pattern":"a"}]}},"""
            + string.Join(",", Enumerable.Range(0, 20).Select(i => $$$"""{"id":"p{{{i}}}","type":"short-text","prompt":"p","answer":"a","points":1,"skills":[],"options":{"pattern":"a"}}""")), "items" },
    };

    [Theory]
    [MemberData(nameof(BadItems))]
    public async Task Create_BadRichItem_Is422NamingTheItemField_NothingStored(string item, string field)
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());

        var (status, body, response) = await school.Client.SendAsync(HttpMethod.Post, $"/api/teacher/courses/{school.Course}/assessments", school.Teacher,
            rawJson: Body("bad", $"[{item}]"));

        Assert.True(status == (HttpStatusCode)422, $"{status} {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(body.GetProperty("errors").TryGetProperty(field, out _), $"expected {field}: {body}");
        var (read, _, _) = await school.Client.GetAsync($"/api/teacher/courses/{school.Course}/assessments/bad", school.Teacher);
        Assert.Equal(HttpStatusCode.NotFound, read);
    }

    public static TheoryData<string, string> BadAnswers => new()
    {
        { """{"itemId":"tf","value":"false"}""", "tf" },
        { """{"itemId":"ma","value":["Paris","Rome","Madrid"]}""", "ma" },
        { """{"itemId":"ma","value":{"Peru":"Lima"}}""", "ma" },
        { """{"itemId":"ma","value":{"France":"Berlin"}}""", "ma" },
        { """{"itemId":"or","value":["1066","1215","1492"]}""", "or" },
        { """{"itemId":"or","value":["1066","1066","1492","1789"]}""", "or" },
        { """{"itemId":"or","value":["1066","1215","1492","1789","2000"]}""", "or" },
        { """{"itemId":"fb","value":["Paris"]}""", "fb" },
        { """{"itemId":"fb","value":"Paris France"}""", "fb" },
    };

    [Theory]
    [MemberData(nameof(BadAnswers))]
    public async Task Submit_AnswerOfTheWrongShape_Is422NamingTheAnswerAndItem(string answer, string itemId)
    {
        var school = await SchoolWithRichAsync("rich4");

        var (status, body, _) = await school.Client.SendAsync(HttpMethod.Post, "/api/student/assessments/rich4/submissions", school.Student1,
            rawJson: $$"""{"answers":[{{answer}}]}""");

        Assert.True(status == (HttpStatusCode)422, $"{status} {body}");
        var message = body.GetProperty("errors").GetProperty("answers[0].value")[0].GetString();
        Assert.Contains($"Item {itemId} ", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_MatchingObjectWithARepeatedLeft_Is400NamingTheValue()
    {
        var school = await SchoolWithRichAsync("rich5");

        var (status, body, _) = await school.Client.SendAsync(HttpMethod.Post, "/api/student/assessments/rich5/submissions", school.Student1,
            rawJson: """{"answers":[{"itemId":"ma","value":{"France":"Paris","France":"Rome"}}]}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(body.GetProperty("errors").EnumerateObject().Single().Name.StartsWith("answers[0].value", StringComparison.Ordinal), body.ToString());
    }

    [Fact]
    public async Task Submit_SameKey_PairsInAnotherOrder_IsARetry_OtherPairsAre422()
    {
        var school = await SchoolWithRichAsync("rich6");
        var first = await SubmitAsync(school, "rich6", "k1", """{"answers":[{"itemId":"ma","value":{"France":"Paris","Italy":"Rome"}},{"itemId":"tf","value":true}]}""");
        var reordered = await SubmitAsync(school, "rich6", "k1", """{"answers":[{"itemId":"tf","value":true},{"itemId":"ma","value":{"Italy":"Rome","France":"Paris"}}]}""");
        var otherPairs = await SubmitAsync(school, "rich6", "k1", """{"answers":[{"itemId":"ma","value":{"France":"Rome","Italy":"Paris"}},{"itemId":"tf","value":true}]}""");
        var otherBoolean = await SubmitAsync(school, "rich6", "k1", """{"answers":[{"itemId":"ma","value":{"France":"Paris","Italy":"Rome"}},{"itemId":"tf","value":false}]}""");

        Assert.Equal(HttpStatusCode.Accepted, first.Status);
        Assert.Equal(HttpStatusCode.Accepted, reordered.Status);
        Assert.Equal(first.Body.GetProperty("submissionId").GetString(), reordered.Body.GetProperty("submissionId").GetString());
        Assert.Equal((HttpStatusCode)422, otherPairs.Status);
        Assert.Equal((HttpStatusCode)422, otherBoolean.Status);
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> SubmitAsync(School school, string assessmentId, string key, string json)
    {
        var request = ApiClient.Request(HttpMethod.Post, $"/api/student/assessments/{assessmentId}/submissions", school.Student1, rawJson: json);
        request.Headers.Add("Idempotency-Key", key);
        using var response = await school.Client.SendAsync(request);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    private async Task<School> SchoolWithRichAsync(string id)
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var (status, body, _) = await school.Client.SendAsync(HttpMethod.Post, $"/api/teacher/courses/{school.Course}/assessments", school.Teacher, rawJson: Body(id));
        Assert.True(status == HttpStatusCode.Created, $"{status} {body}");
        return school;
    }

    private static List<string> Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToList();
}
