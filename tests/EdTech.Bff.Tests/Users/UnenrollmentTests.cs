using System.Net;
using EdTech.Bff.Tests.Infrastructure;

namespace EdTech.Bff.Tests.Users;

/// <summary>DELETE /api/admin/courses/{courseId}/enrollments/{userId}: access to the course goes (404), the history stays for teachers and export.</summary>
public sealed class UnenrollmentTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static Task<(HttpStatusCode Status, System.Text.Json.JsonElement Body, HttpResponseMessage Response)> UnenrollAsync(School school, string userId, string? courseId = null) =>
        school.Client.SendAsync(HttpMethod.Delete, $"/api/admin/courses/{courseId ?? school.Course}/enrollments/{userId}", school.Admin);

    [Fact]
    public async Task Unenrolled_Student_Gets404OnTheCourse_WhileTheTeacherStillSeesTheirSubmission()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var submissionId = await school.SubmitAsync(school.Student1);
        await school.WaitForStatusAsync(school.Student1, submissionId);

        var (status, _, response) = await UnenrollAsync(school, "s1");

        Assert.Equal(HttpStatusCode.NoContent, status);
        Assert.Equal(0, response.Content.Headers.ContentLength ?? 0);
        Assert.Equal(HttpStatusCode.NotFound, (await school.Client.GetAsync($"/api/student/assessments/{school.Quiz}", school.Student1)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await school.Client.PostAsync($"/api/student/assessments/{school.Quiz}/submissions", school.Student1, School.PerfectAnswers)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await school.Client.GetAsync($"/api/student/courses/{school.Course}/assessments", school.Student1)).Status);
        var (listed, courses, _) = await school.Client.GetAsync("/api/student/courses", school.Student1);
        Assert.Equal(HttpStatusCode.OK, listed);
        Assert.DoesNotContain(school.Course, courses.ToString(), StringComparison.Ordinal);
        // A classmate keeps the course.
        Assert.Equal(HttpStatusCode.OK, (await school.Client.GetAsync($"/api/student/assessments/{school.Quiz}", school.Student2)).Status);

        // The history stays: the teacher reads the submission and lists it; the export carries it and the unenrollment.
        Assert.Equal(HttpStatusCode.OK, (await school.Client.GetAsync($"/api/teacher/submissions/{submissionId}", school.Teacher)).Status);
        var (_, submissions, _) = await school.Client.GetAsync($"/api/teacher/assessments/{school.Quiz}/submissions", school.Teacher);
        Assert.Contains(submissionId, submissions.ToString(), StringComparison.Ordinal);
        var (exported, export, _) = await school.Client.GetAsync("/api/admin/students/s1/export", school.Admin);
        Assert.Equal(HttpStatusCode.OK, exported);
        Assert.Contains(submissionId, export.GetProperty("containers").GetProperty("submissions").ToString(), StringComparison.Ordinal);
        Assert.Contains("enrollment.removed", export.GetProperty("containers").GetProperty("audit").ToString(), StringComparison.Ordinal);
        Assert.Equal(0, export.GetProperty("containers").GetProperty("enrollments").GetArrayLength());
    }

    [Fact]
    public async Task Unenroll_Twice_SecondIs404_UnknownCourseOrUserIs404()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());

        Assert.Equal(HttpStatusCode.NoContent, (await UnenrollAsync(school, "s2")).Status);
        var (again, problem, response) = await UnenrollAsync(school, "s2");

        Assert.Equal(HttpStatusCode.NotFound, again);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await UnenrollAsync(school, "s1", "no-such-course")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await UnenrollAsync(school, "nobody")).Status);
        Assert.Equal("https://edtech-serverless.dev/problems/not-found", problem.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Unenroll_InAnotherTenant_LeavesThisTenantsEnrollment()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var other = await School.CreateAsync(factory, school.Client);

        Assert.Equal(HttpStatusCode.NoContent, (await UnenrollAsync(other, "s1")).Status);

        Assert.Equal(HttpStatusCode.OK, (await school.Client.GetAsync($"/api/student/assessments/{school.Quiz}", school.Student1)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.GetAsync($"/api/student/assessments/{other.Quiz}", other.Student1)).Status);
    }

    [Fact]
    public async Task Unenrolled_Teacher_LosesTeacherAccessToTheCourse()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        Assert.Equal(HttpStatusCode.OK, (await school.Client.GetAsync($"/api/teacher/courses/{school.Course}/gradebook", school.Teacher)).Status);

        Assert.Equal(HttpStatusCode.NoContent, (await UnenrollAsync(school, "t1")).Status);

        Assert.Equal(HttpStatusCode.NotFound, (await school.Client.GetAsync($"/api/teacher/courses/{school.Course}/gradebook", school.Teacher)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await school.Client.GetAsync($"/api/teacher/courses/{school.Course}/assessments", school.Teacher)).Status);
        var (_, courses, _) = await school.Client.GetAsync("/api/teacher/courses", school.Teacher);
        Assert.DoesNotContain(school.Course, courses.ToString(), StringComparison.Ordinal);
    }
}
