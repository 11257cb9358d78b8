using System.Net;
using System.Text.Json;
using EdTech.Bff.Tests.Infrastructure;

namespace EdTech.Bff.Tests.Release;

/// <summary>POST /api/teacher/assessments/{assessmentId}/release through the real LocalHost: store, change feed, durable engine.</summary>
public sealed class ReleaseResultsTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task ManualRelease_GradedWorkStaysHidden_UntilTeacherReleases_ThenRepeatChangesNothing_AndLaterWorkIsReleasedWhenGraded()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        await CreateQuizAsync(school, "manual1", "manual");
        var first = await school.SubmitAsync(school.Student1, assessmentId: "manual1");
        var second = await school.SubmitAsync(school.Student2, assessmentId: "manual1");

        foreach (var (token, id) in new[] { (school.Student1, first), (school.Student2, second) })
        {
            var graded = await school.WaitForStatusAsync(token, id, "graded");
            Assert.False(graded.TryGetProperty("score", out var hidden) && hidden.ValueKind != JsonValueKind.Null);
        }

        var (status, body, _) = await school.Client.PostAsync("/api/teacher/assessments/manual1/release", school.Teacher, new { });
        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal("manual1", body.GetProperty("assessmentId").GetString());
        Assert.Equal("releasing", body.GetProperty("status").GetString());

        var released1 = await school.WaitForStatusAsync(school.Student1, first);
        var released2 = await school.WaitForStatusAsync(school.Student2, second);
        Assert.Equal(5, released1.GetProperty("score").GetDecimal());
        Assert.Equal(5, released2.GetProperty("score").GetDecimal());

        (status, _, _) = await school.Client.PostAsync("/api/teacher/assessments/manual1/release", school.Teacher, new { });
        Assert.Equal(HttpStatusCode.Accepted, status);
        // Every release run of the assessment has finished and the feed has handled what they wrote: absence now means something.
        await Settled.OrchestrationsAsync(factory, $"{school.Tenant}:release:manual1:");
        Assert.Equal(released1.GetRawText(), (await ViewAsync(school, school.Student1, first)).GetRawText());
        Assert.Equal(released2.GetRawText(), (await ViewAsync(school, school.Student2, second)).GetRawText());

        // Graded after the release time: released when graded, with no further teacher call.
        var late = await school.SubmitAsync(school.Student1, assessmentId: "manual1");
        Assert.Equal(5, (await school.WaitForStatusAsync(school.Student1, late)).GetProperty("score").GetDecimal());
    }

    [Fact]
    public async Task Release_TeacherNotEnrolledInTheCourse_Is404()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var (created, _, _) = await school.Client.PostAsync("/api/admin/users", school.Admin, new { id = "t2", displayName = "t2", email = "t2@school.example", roles = new[] { "teacher" } });
        Assert.Equal(HttpStatusCode.Created, created);

        var (status, _, _) = await school.Client.PostAsync("/api/teacher/assessments/quiz1/release", factory.Token(school.Tenant, "t2", "teacher"), new { });

        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    private static async Task CreateQuizAsync(School school, string id, string releaseMode)
    {
        var (status, _, _) = await school.Client.PostAsync($"/api/teacher/courses/{school.Course}/assessments", school.Teacher, School.QuizBody(id, releaseMode));
        Assert.Equal(HttpStatusCode.Created, status);
    }

    private static async Task<JsonElement> ViewAsync(School school, string token, string submissionId)
    {
        var (status, body, _) = await school.Client.GetAsync($"/api/student/submissions/{submissionId}", token);
        Assert.Equal(HttpStatusCode.OK, status);
        return body;
    }
}
