using System.Net;
using EdTech.Bff.Tests.Infrastructure;

namespace EdTech.Bff.Tests.Privacy;

/// <summary>Erasure proved by scanning every stored row of every tenant, not by asking the API.</summary>
public sealed class ErasureTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Erasure_AfterGradingReadAndExport_LeavesNoRowNamingTheStudentAndKeepsTheClassmate()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var otherSchool = await School.CreateAsync(factory, factory.CreateClient());
        var student = await ErasableStudent.CreateAsync(school);
        var classmateSubmission = await school.SubmitAsync(school.Student1);
        await school.WaitForStatusAsync(school.Student1, classmateSubmission);
        var (exported, _, _) = await student.ExportAsync();
        Assert.Equal(HttpStatusCode.OK, exported);
        await PublishedLines.WaitForAsync(factory.DataDirectory, student.UserId);
        var before = StoredRows.ReadAll(factory.DataDirectory);
        var linesBefore = PublishedLines.ReadAll(factory.DataDirectory);

        var (status, summary, _) = await student.EraseAsync();
        await Settled.FeedAsync(factory); // every change-feed consumer has handled every change since the erasure: none may resurrect anything
        var after = StoredRows.ReadAll(factory.DataDirectory);
        var linesAfter = PublishedLines.ReadAll(factory.DataDirectory);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(summary.GetProperty("alreadyErased").GetBoolean());
        Assert.Contains(before, r => r.Mentions(student.UserId));
        Assert.Empty(after.Where(r => r.Mentions(student.UserId) || r.Mentions(student.Name) || r.Mentions(student.Email)).Select(r => $"{r.Container}/{r.Id}"));
        // The outbox file adapter's logs (notifications.log, integration-events.log) kept lines naming the student; none is left.
        Assert.Contains(linesBefore, l => l.Mentions(student.UserId));
        Assert.Empty(linesAfter.Where(l => l.Mentions(student.UserId) || l.Mentions(student.Name) || l.Mentions(student.Email)).Select(l => $"{l.File}: {l.Text}"));
        // The classmate's lines stay (more may arrive meanwhile; the relay is asynchronous), and the student's leave a hashed-id line each.
        Assert.True(linesAfter.Count(l => l.Mentions("\"s1\"")) >= linesBefore.Count(l => l.Mentions("\"s1\"")));
        Assert.True(linesAfter.Count >= linesBefore.Count);
        var tombstone = Assert.Single(after, r => r.Tenant == school.Tenant && r.Container == "audit" && r.Json.Contains("student.erased", StringComparison.Ordinal));
        Assert.Equal(summary.GetProperty("subjectHash").GetString(), tombstone.Partition);
        Assert.Equal(school.Tenant, tombstone.Tenant);
        Assert.Equal(before.Count(r => r.Tenant == otherSchool.Tenant), after.Count(r => r.Tenant == otherSchool.Tenant));
        foreach (var container in new[] { "users", "enrollments", "submissions", "submission-views", "gradebook", "audit" })
        {
            Assert.Equal(ClassmateRows(before, container), ClassmateRows(after, container));
        }

        Assert.Contains(after, r => r.Container == "submissions" && r.Id == classmateSubmission);
        int ClassmateRows(IEnumerable<StoredRow> rows, string container) => rows.Count(r => r.Tenant == school.Tenant && r.Container == container && r.Mentions("s1"));
    }

    [Fact]
    public async Task Erasure_Repeated_DeletesNothingMoreAndReportsAlreadyErased()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var student = await ErasableStudent.CreateAsync(school);
        var (first, firstBody, _) = await student.EraseAsync();
        var rowsAfterFirst = StoredRows.ReadAll(factory.DataDirectory).Count(r => r.Tenant == school.Tenant);

        var (second, secondBody, _) = await student.EraseAsync();

        Assert.Equal(HttpStatusCode.OK, first);
        Assert.Equal(1, firstBody.GetProperty("deleted").GetProperty("submissions").GetInt32());
        Assert.Equal(1, firstBody.GetProperty("deleted").GetProperty("users").GetInt32());
        Assert.Equal(HttpStatusCode.OK, second);
        Assert.True(secondBody.GetProperty("alreadyErased").GetBoolean());
        Assert.Equal(firstBody.GetProperty("subjectHash").GetString(), secondBody.GetProperty("subjectHash").GetString());
        Assert.Equal(rowsAfterFirst, StoredRows.ReadAll(factory.DataDirectory).Count(r => r.Tenant == school.Tenant));
        var (exported, _, _) = await student.ExportAsync();
        Assert.Equal(HttpStatusCode.NotFound, exported);
    }

    [Fact]
    public async Task Erasure_ThenSubmitWithTheStudentsStillValidToken_Is404AndStoresNothing()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var student = await ErasableStudent.CreateAsync(school);
        Assert.Equal(HttpStatusCode.OK, (await student.EraseAsync()).Status);

        var (status, _, _) = await school.Client.PostAsync($"/api/student/assessments/{school.Quiz}/submissions", student.Token, School.PerfectAnswers);

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.DoesNotContain(StoredRows.ReadAll(factory.DataDirectory), r => r.Mentions(student.UserId));
    }

    [Fact]
    public async Task StudentRoutes_OnATeacher_Are404AndChangeNothing()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var before = StoredRows.ReadAll(factory.DataDirectory).Where(r => r.Tenant == school.Tenant && r.Mentions("t1")).Select(r => $"{r.Container}/{r.Id}").ToList();

        var (erase, eraseBody, eraseResponse) = await school.Client.PostAsync("/api/admin/students/t1/erasure", school.Admin, new { reason = "Leaving the school" });
        var (export, _, _) = await school.Client.GetAsync("/api/admin/students/t1/export", school.Admin);
        var after = StoredRows.ReadAll(factory.DataDirectory).Where(r => r.Tenant == school.Tenant && r.Mentions("t1")).Select(r => $"{r.Container}/{r.Id}").ToList();

        Assert.Equal(HttpStatusCode.NotFound, erase);
        Assert.Equal("application/problem+json", eraseResponse.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, export);
        Assert.NotEmpty(before);
        Assert.Equal(before, after);
        Assert.False(eraseBody.TryGetProperty("deleted", out _));
    }

    [Fact]
    public async Task CreateUser_WithAnIdErasedWithinTheQuarantine_Is409NamingTheIdAndCreatesNothing()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var student = await ErasableStudent.CreateAsync(school);
        Assert.Equal(HttpStatusCode.OK, (await student.EraseAsync()).Status);

        var (status, body, _) = await school.Client.PostAsync("/api/admin/users", school.Admin,
            new { id = student.UserId, displayName = "Someone New", email = "new@school.example", roles = new[] { "student" } });

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.True(body.GetProperty("errors").TryGetProperty("id", out _));
        Assert.DoesNotContain(StoredRows.ReadAll(factory.DataDirectory), r => r.Mentions(student.UserId));
    }

    [Fact]
    public async Task Erasure_ReasonNamingTheStudent_Is422AndErasesNothing()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var student = await ErasableStudent.CreateAsync(school);

        var (status, body, _) = await student.EraseAsync($"Requested by {student.Name}");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.True(body.GetProperty("errors").TryGetProperty("reason", out _));
        Assert.Equal(HttpStatusCode.OK, (await student.ExportAsync()).Status);
    }

    [Fact]
    public async Task Erasure_WithoutReason_Is422()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());

        var (status, body, _) = await school.Client.PostAsync("/api/admin/students/s1/erasure", school.Admin, new { });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.True(body.GetProperty("errors").TryGetProperty("reason", out _));
    }

    [Fact]
    public async Task Erasure_UnknownUser_Is404()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());

        var (status, _, _) = await school.Client.PostAsync("/api/admin/students/nobody/erasure", school.Admin, new { reason = "request" });

        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    [Fact]
    public async Task Erasure_OfAnotherTenantsStudent_Is404AndLeavesThemIntact()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var other = await School.CreateAsync(factory, factory.CreateClient());
        var student = await ErasableStudent.CreateAsync(other);

        var (status, _, _) = await school.Client.PostAsync($"/api/admin/students/{student.UserId}/erasure", school.Admin, new { reason = "request" });

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal(HttpStatusCode.OK, (await student.ExportAsync()).Status);
    }

    [Theory]
    [InlineData("teacher")]
    [InlineData("student")]
    public async Task PrivacyRoutes_ForNonAdmins_Are403(string role)
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var token = factory.Token(school.Tenant, "x1", role);

        var (export, _, _) = await school.Client.GetAsync("/api/admin/students/s1/export", token);
        var (erase, _, _) = await school.Client.PostAsync("/api/admin/students/s1/erasure", token, new { reason = "request" });

        Assert.Equal(HttpStatusCode.Forbidden, export);
        Assert.Equal(HttpStatusCode.Forbidden, erase);
    }
}
