using System.Net;
using EdTech.Bff.Tests.Infrastructure;

namespace EdTech.Bff.Tests.Security;

/// <summary>Course scope is enforced by the pipeline (from the table row) before the handler reads the body.</summary>
public sealed class CourseScopeFilterTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Submit_MalformedBody_ByStudentNotEnrolled_Is404NotValidation()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var outsider = factory.Token(school.Tenant, "s9", "student");

        var (status, _, _) = await school.Client.SendAsync(HttpMethod.Post, $"/api/student/assessments/{school.Quiz}/submissions", outsider, rawJson: "{\"answers\": 7}");

        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    [Fact]
    public async Task Submit_MalformedBody_ByEnrolledStudent_IsStillAValidationError()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());

        var (status, _, _) = await school.Client.SendAsync(HttpMethod.Post, $"/api/student/assessments/{school.Quiz}/submissions", school.Student1, rawJson: "{\"answers\": 7}");

        Assert.True(status is HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity, $"got {status}");
    }

    [Fact]
    public async Task CreateAssessment_InACourseThatDoesNotExist_Is404()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());

        var (status, _, _) = await school.Client.PostAsync("/api/teacher/courses/no-such-course/assessments", school.Teacher, School.QuizBody("x1"));

        Assert.Equal(HttpStatusCode.NotFound, status);
    }
}
