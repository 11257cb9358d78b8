using System.Net;
using System.Text.Json;
using EdTech.Bff.Tests.Infrastructure;

namespace EdTech.Bff.Tests.Users;

/// <summary>active:false refuses the user's tokens (401 problem+json) on every route until reactivated; nothing of theirs goes.</summary>
public sealed class DeactivationTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> SetActiveAsync(School school, string userId, bool active) =>
        school.Client.SendAsync(HttpMethod.Patch, $"/api/admin/users/{userId}", school.Admin, new { active });

    private static IEnumerable<(HttpMethod Method, string Path, object? Body)> StudentRoutes(string submissionId) =>
    [
        (HttpMethod.Get, "/api/student/dashboard", null),
        (HttpMethod.Get, "/api/student/assessments/quiz1", null),
        (HttpMethod.Post, "/api/student/assessments/quiz1/submissions", School.PerfectAnswers),
        (HttpMethod.Get, $"/api/student/submissions/{submissionId}", null),
        (HttpMethod.Get, "/api/student/courses", null),
        (HttpMethod.Get, "/api/student/recommendations", null),
    ];

    [Fact]
    public async Task Deactivated_StudentsTokenIs401OnEveryRoute_ReactivatedItWorksAgain()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var submissionId = await school.SubmitAsync(school.Student1);

        var (status, body, _) = await SetActiveAsync(school, "s1", active: false);
        Assert.True(status == HttpStatusCode.OK, body.ToString());
        Assert.False(body.GetProperty("active").GetBoolean());

        foreach (var (method, path, payload) in StudentRoutes(submissionId))
        {
            var (refused, problem, response) = await school.Client.SendAsync(method, path, school.Student1, payload);
            Assert.True(refused == HttpStatusCode.Unauthorized, $"{method} {path}: {refused} {problem}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("https://edtech-serverless.dev/problems/user-deactivated", problem.GetProperty("type").GetString());
        }

        // A classmate, and the same id in another school, are not affected.
        Assert.Equal(HttpStatusCode.OK, (await school.Client.GetAsync("/api/student/dashboard", school.Student2)).Status);
        var other = await School.CreateAsync(factory, school.Client);
        Assert.Equal(HttpStatusCode.OK, (await other.Client.GetAsync("/api/student/dashboard", other.Student1)).Status);

        Assert.Equal(HttpStatusCode.OK, (await SetActiveAsync(school, "s1", active: true)).Status);
        foreach (var (method, path, payload) in StudentRoutes(submissionId))
        {
            var (allowed, answer, _) = await school.Client.SendAsync(method, path, school.Student1, payload);
            Assert.True((int)allowed is >= 200 and < 300, $"{method} {path} after reactivation: {allowed} {answer}");
        }
    }

    [Fact]
    public async Task Deactivated_TeachersTokenIs401_TheirCourseStaysForOtherTeachers()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());

        Assert.Equal(HttpStatusCode.OK, (await SetActiveAsync(school, "t1", active: false)).Status);

        Assert.Equal(HttpStatusCode.Unauthorized, (await school.Client.GetAsync($"/api/teacher/courses/{school.Course}/gradebook", school.Teacher)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await school.Client.GetAsync("/api/teacher/courses", school.Teacher)).Status);
        Assert.Equal(HttpStatusCode.OK, (await school.Client.GetAsync("/api/admin/users/t1", school.Admin)).Status);
    }

    [Fact]
    public async Task TokenOfAUserWithNoRecord_IsLetThroughAsBefore()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());

        // admin1 has never been created as a user (tokens are minted for it directly), as in most tests.
        Assert.Equal(HttpStatusCode.OK, (await school.Client.GetAsync("/api/admin/users/s1", school.Admin)).Status);
        Assert.Equal(HttpStatusCode.OK, (await school.Client.GetAsync("/api/student/dashboard", school.Factory.Token(school.Tenant, "never-created", "student"))).Status);
    }

    [Fact]
    public async Task Deactivated_Student_IsStillExported_AndErasable()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var submissionId = await school.SubmitAsync(school.Student2);
        await school.WaitForStatusAsync(school.Student2, submissionId);
        Assert.Equal(HttpStatusCode.OK, (await SetActiveAsync(school, "s2", active: false)).Status);

        var (exported, export, _) = await school.Client.GetAsync("/api/admin/students/s2/export", school.Admin);

        Assert.True(exported == HttpStatusCode.OK, export.ToString());
        Assert.Contains(submissionId, export.ToString(), StringComparison.Ordinal);
        Assert.Contains("user.deactivated", export.ToString(), StringComparison.Ordinal);
        var (erased, erasure, _) = await school.Client.PostAsync("/api/admin/students/s2/erasure", school.Admin, new { reason = "Left the school" });
        Assert.True(erased == HttpStatusCode.OK, erasure.ToString());
        Assert.Equal(HttpStatusCode.NotFound, (await school.Client.GetAsync("/api/admin/users/s2", school.Admin)).Status);
    }
}
