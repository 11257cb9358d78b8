using System.Net;
using System.Text.Json;
using EdTech.Application.Common;
using EdTech.Application.Privacy;
using EdTech.Bff.Tests.Infrastructure;
using EdTech.Domain.Tenancy;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace EdTech.Bff.Tests.Privacy;

/// <summary>
/// Erasure is final: erased while its submissions are being accepted, graded, projected and learned from, a
/// student leaves nothing in raw storage once every handler and grading instance has finished, and a new user given the same
/// id starts empty. The erasure is run right after the N-th write that mentions the student, for every N of a burst.
/// </summary>
public sealed class ErasureRaceTests(TappedApiFactory factory, ITestOutputHelper output) : IClassFixture<TappedApiFactory>
{
    private const int Burst = 2;

    [Fact]
    public async Task Erasure_AfterEveryWriteOfAGradingBurst_LeavesNothingAndTheReusedIdStartsEmpty()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var tap = factory.Tap;

        // Dry run: how many writes mention a student along a burst's whole way (submit, grade, release, project, learn, notify).
        var dry = await NewStudentAsync(school, "dry");
        tap.Arm(dry, triggerAt: 0, () => Task.CompletedTask);
        var drySubmissions = await SubmitBurstAsync(school, dry);
        await Quiescence.WaitAsync(factory, school.Tenant, drySubmissions);
        var writes = tap.Count;
        output.WriteLine($"A burst of {Burst} writes {writes} documents mentioning the student");
        // A floor, not the count: how many writes a burst makes depends on how the feed batches it (projections keep only a
        // batch's latest version per document, learner state folds a batch: docs/projection-writes.md); 11 and 16+ were seen
        // for a burst of 2. Each submission writes itself at least twice (accepted, graded/released) plus its audit entries.
        Assert.True(writes >= Burst * 4, $"Only {writes} writes: the burst did not go the whole way.");

        for (var n = 1; n <= writes + 1; n++)
        {
            var userId = await NewStudentAsync(school, $"n{n}");
            tap.Arm(userId, n, () => EraseAsync(school, userId));
            var submissions = await SubmitBurstAsync(school, userId);
            await Quiescence.WaitAsync(factory, school.Tenant, submissions);
            tap.Disarm();
            if (!tap.Fired.IsCompleted)
            {
                // Fewer writes this time (n past the end): erase after everything, which must hold too.
                Assert.Equal(HttpStatusCode.OK, (await school.Client.PostAsync($"/api/admin/students/{userId}/erasure", school.Admin, new { reason = "Parent's request" })).Status);
            }

            await Quiescence.WaitAsync(factory, school.Tenant, submissions);
            AssertNothingLeft(userId, $"erased after write {n} of {writes}");
            await AssertReusedIdStartsEmptyAsync(school, userId, submissions);
        }
    }

    [Fact]
    public async Task Erasure_AtRandomMomentsOfABurst_LeavesNothingAndTheReusedIdStartsEmpty()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var seed = Environment.TickCount;
        output.WriteLine($"Seed {seed}");
        var random = new Random(seed);
        for (var round = 0; round < 6; round++)
        {
            var userId = await NewStudentAsync(school, $"r{round}");
            factory.Tap.Arm(userId, 0, () => Task.CompletedTask);
            var burst = Enumerable.Range(0, 5).Select(_ => SubmitAsync(school, userId)).ToList();
            await Task.Delay(random.Next(0, 400));
            var (erased, body, _) = await school.Client.PostAsync($"/api/admin/students/{userId}/erasure", school.Admin, new { reason = "Parent's request" });
            Assert.True(erased == HttpStatusCode.OK, body.ToString());
            var submissions = (await Task.WhenAll(burst)).OfType<string>().ToList();
            await Quiescence.WaitAsync(factory, school.Tenant, submissions);
            AssertNothingLeft(userId, $"round {round}");
            await AssertReusedIdStartsEmptyAsync(school, userId, submissions);
        }
    }

    private async Task EraseAsync(School school, string userId)
    {
        var tenant = new TenantId(school.Tenant);
        var outcome = await factory.Services.GetRequiredService<EraseStudentHandler>().HandleAsync(
            new Caller(tenant, "admin1", new HashSet<string> { "tenant-admin" }), new EraseStudentCommand(userId, "Parent's request"), CancellationToken.None);
        Assert.Null(outcome.Problem);
    }

    private static async Task<string> NewStudentAsync(School school, string label)
    {
        var userId = $"zr-{Guid.NewGuid().ToString("n")[..8]}-{label}-e";
        var (created, body, _) = await school.Client.PostAsync("/api/admin/users", school.Admin,
            new { id = userId, displayName = "Zed " + label, email = $"{userId}@erase.example", roles = new[] { "student" } });
        Assert.True(created == HttpStatusCode.Created, body.ToString());
        Assert.Equal(HttpStatusCode.Created, (await school.Client.PostAsync($"/api/admin/courses/{school.Course}/enrollments", school.Admin, new { userId, role = "student" })).Status);
        return userId;
    }

    private static async Task<List<string>> SubmitBurstAsync(School school, string userId) =>
        (await Task.WhenAll(Enumerable.Range(0, Burst).Select(_ => SubmitAsync(school, userId)))).OfType<string>().ToList();

    /// <summary>The submission id when accepted; null when the erasure came first (404, never a 5xx).</summary>
    private static async Task<string?> SubmitAsync(School school, string userId)
    {
        var (status, body, _) = await school.Client.PostAsync($"/api/student/assessments/{school.Quiz}/submissions",
            school.Factory.Token(school.Tenant, userId, "student"), School.PerfectAnswers);
        Assert.True(status is HttpStatusCode.Accepted or HttpStatusCode.NotFound, $"{status}: {body}");
        return status == HttpStatusCode.Accepted ? body.GetProperty("submissionId").GetString() : null;
    }

    private void AssertNothingLeft(string userId, string when)
    {
        var rows = StoredRows.ReadAll(factory.DataDirectory).Where(r => r.Mentions(userId)).Select(r => $"{r.Container}/{r.Id}").ToList();
        Assert.True(rows.Count == 0, $"{when}: {string.Join(", ", rows)}");
        var lines = PublishedLines.ReadAll(factory.DataDirectory).Where(l => l.Mentions(userId)).Select(l => $"{l.File}: {l.Text}").ToList();
        Assert.True(lines.Count == 0, $"{when}: {string.Join(", ", lines)}");
    }

    /// <summary>The id given to a new student (no quarantine here): their reads show none of the erased student's work.</summary>
    private static async Task AssertReusedIdStartsEmptyAsync(School school, string userId, IReadOnlyList<string> erasedSubmissions)
    {
        var (created, body, _) = await school.Client.PostAsync("/api/admin/users", school.Admin,
            new { id = userId, displayName = "New Zed", email = "new.zed@school.example", roles = new[] { "student" } });
        Assert.True(created == HttpStatusCode.Created, body.ToString());
        Assert.Equal(HttpStatusCode.Created, (await school.Client.PostAsync($"/api/admin/courses/{school.Course}/enrollments", school.Admin, new { userId, role = "student" })).Status);
        var token = school.Factory.Token(school.Tenant, userId, "student");

        var recommendations = await GetAsync(school, "/api/student/recommendations", token);
        var dashboard = await GetAsync(school, "/api/student/dashboard", token);
        var export = await GetAsync(school, $"/api/admin/students/{userId}/export", school.Admin);

        Assert.Empty(recommendations.GetProperty("items").EnumerateArray());
        Assert.Empty(dashboard.GetProperty("recentGrades").EnumerateArray());
        Assert.Empty(dashboard.GetProperty("recommendations").EnumerateArray());
        Assert.Empty(dashboard.GetProperty("mastery").EnumerateArray());
        foreach (var container in export.GetProperty("containers").EnumerateObject().Where(c => c.Name is not ("enrollments" or "audit")))
        {
            Assert.True(container.Value.GetArrayLength() == 0, $"export of the new user holds {container.Name}: {container.Value}");
        }

        foreach (var id in erasedSubmissions)
        {
            Assert.DoesNotContain(id, export.GetRawText(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.NotFound, (await school.Client.GetAsync($"/api/student/submissions/{id}", token)).Status);
        }

        // Cleared for the next round's scan: the new user is erased too (nothing of theirs to race with).
        Assert.Equal(HttpStatusCode.OK, (await school.Client.PostAsync($"/api/admin/students/{userId}/erasure", school.Admin, new { reason = "End of test" })).Status);
    }

    private static async Task<JsonElement> GetAsync(School school, string path, string token)
    {
        var (status, body, _) = await school.Client.GetAsync(path, token);
        Assert.True(status == HttpStatusCode.OK, $"GET {path}: {status} {body}");
        return body;
    }
}
