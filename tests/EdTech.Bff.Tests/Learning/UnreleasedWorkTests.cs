using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using EdTech.Application.ChangeFeed;
using EdTech.Application.Storage;
using EdTech.Application.Submissions;
using EdTech.Bff.Security;
using EdTech.Bff.Tests.Infrastructure;
using EdTech.Domain.Tenancy;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace EdTech.Bff.Tests.Learning;

/// <summary>
/// Nothing a student can read depends on unreleased results: every student GET route of the route catalog
/// answers the same bytes, for the submitting student and a classmate, before and after a submission to a manually released
/// assessment is graded; after the release they do change. The one field allowed to differ is that submission's own
/// <c>status</c> (accepted/grading → graded): API.md shows grading progress to the student, never the result.
/// </summary>
public sealed class UnreleasedWorkTests(TappedApiFactory factory) : IClassFixture<TappedApiFactory>
{
    private const string Managed = "mq";

    private static readonly object WrongAnswers = new
    {
        answers = new object[]
        {
            new { itemId = "q1", value = "3" }, new { itemId = "q2", value = new[] { "4" } }, new { itemId = "q3", value = 9.0 }, new { itemId = "q4", value = "Rome" },
        },
    };

    [Fact]
    public async Task EveryStudentRead_BeforeAndAfterGradingOfUnreleasedWork_IsByteIdentical_AndChangesOnRelease()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        // Released history for both students, so they have learner models and recommendations built from item difficulties.
        foreach (var token in new[] { school.Student1, school.Student2 })
        {
            var released = await school.SubmitAsync(token);
            await school.WaitForStatusAsync(token, released);
            await WaitLearnedAsync(school, released);
        }

        Assert.Equal(HttpStatusCode.Created, (await school.Client.PostAsync($"/api/teacher/courses/{school.Course}/assessments", school.Teacher,
            School.QuizBody(id: Managed, releaseMode: "manual"))).Status);
        var submissionId = SubmissionIds.For("s1", Managed, "unreleased-1");
        var (reached, release) = factory.Tap.Hold((container, id, json) =>
            container == Containers.Submissions && id == submissionId && json.Contains("\"status\":\"graded\"", StringComparison.Ordinal));
        var request = ApiClient.Request(HttpMethod.Post, $"/api/student/assessments/{Managed}/submissions", school.Student1, WrongAnswers);
        request.Headers.Add("Idempotency-Key", "unreleased-1");
        Assert.Equal(HttpStatusCode.Accepted, (await school.Client.SendAsync(request)).StatusCode);
        await reached.WaitAsync(TimeSpan.FromSeconds(30)); // grading has computed the scores and is about to write them

        var before = await ReadEverythingAsync(school, submissionId);
        release();
        await school.WaitForStatusAsync(school.Student1, submissionId, "graded");
        await WaitLearnedAsync(school, submissionId, "graded");
        var after = await ReadEverythingAsync(school, submissionId);

        Assert.True(before.Count >= 8, $"Only {before.Count} reads: the route catalog lost the student routes?");
        foreach (var (read, body) in before)
        {
            Assert.True(body == after[read], $"{read} changed while the work was unreleased:\nbefore {body}\nafter  {after[read]}");
        }

        Assert.Equal(HttpStatusCode.Accepted, (await school.Client.PostAsync($"/api/teacher/assessments/{Managed}/release", school.Teacher, new { })).Status);
        await school.WaitForStatusAsync(school.Student1, submissionId, "released");
        await WaitLearnedAsync(school, submissionId);
        var released2 = await ReadEverythingAsync(school, submissionId);
        Assert.NotEqual(before["s1 GET /api/student/recommendations"], released2["s1 GET /api/student/recommendations"]);
    }

    /// <summary>
    /// Every GET the route catalog lets a student call, for s1 and s2, as (label → normalised body). A route with a parameter
    /// this test has no value for fails the test, so a new student route is covered or noticed.
    /// </summary>
    private async Task<Dictionary<string, string>> ReadEverythingAsync(School school, string submissionId)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["{assessmentId}"] = Managed, ["{submissionId}"] = submissionId, ["{courseId}"] = school.Course,
            // No attempt was started (the quiz is not timed): the attempt read is a 404 before and after, as it must be.
            ["{attemptId}"] = "no-attempt",
        };
        var routes = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => e.Metadata.GetMetadata<AccessRule>())
            .Where(r => r is { Method: "GET" } && r.Allows(Roles.Student))
            .Select(r => r!.Pattern).Distinct().Order(StringComparer.Ordinal).ToList();
        var reads = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (user, token) in new[] { ("s1", school.Student1), ("s2", school.Student2) })
        {
            foreach (var pattern in routes)
            {
                var path = values.Aggregate(pattern, (p, v) => p.Replace(v.Key, v.Value, StringComparison.Ordinal));
                Assert.False(path.Contains('{', StringComparison.Ordinal), $"No value for a parameter of {pattern}: add one here.");
                var (status, body, _) = await school.Client.GetAsync(path, token);
                reads[$"{user} GET {pattern}"] = $"{(int)status} {Normalise(pattern, user, body)}";
            }
        }

        return reads;
    }

    /// <summary>The submission's own status is the one field allowed to move, in its read and in the list (API.md: progress is shown, the result is not).</summary>
    private static string Normalise(string pattern, string user, JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return body.ValueKind == JsonValueKind.Undefined ? "" : body.GetRawText();
        }

        var node = JsonNode.Parse(body.GetRawText())!.AsObject();
        node.Remove("traceId");
        if (pattern == "/api/student/submissions/{submissionId}" && user == "s1")
        {
            node["status"] = "(progress)";
        }

        // The list of one's own submissions shows the same progress (accepted → grading → graded); "released" and scores stay compared.
        if (pattern == "/api/student/submissions" && user == "s1" && node["items"] is JsonArray items)
        {
            foreach (var item in items.OfType<JsonObject>().Where(i => (string?)i["status"] != "released"))
            {
                item["status"] = "(progress)";
            }
        }

        return node.ToJsonString();
    }

    /// <summary>
    /// A positive signal: the stored submission has <paramref name="status"/> (the student's view may show "released" from the
    /// assessment's release record a moment earlier) and every change-feed consumer, the learner-state handler among them, has
    /// passed that change.
    /// </summary>
    private async Task WaitLearnedAsync(School school, string submissionId, string status = "released")
    {
        var store = factory.Services.GetRequiredService<IDocumentStore>();
        var feed = factory.Services.GetRequiredService<IChangeFeed>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var current = await store.GetAsync(new TenantId(school.Tenant), Containers.Submissions, submissionId);
            var passed = current is not null && JsonDocument.Parse(current.Json).RootElement.GetProperty("status").GetString() == status;
            foreach (var consumer in ChangeFeedCatalog.All)
            {
                passed &= current is not null && await feed.GetCheckpointAsync(consumer.Name) >= current.Sequence;
            }

            if (passed)
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"The change feed never passed {submissionId}.");
    }
}
