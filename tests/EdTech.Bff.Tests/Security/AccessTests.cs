using System.Net;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Bff.Tests.Infrastructure;
using EdTech.Domain.Tenancy;
using EdTech.Infrastructure.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace EdTech.Bff.Tests.Security;

public sealed class AccessTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Health_WithoutToken_Is200()
    {
        var (status, body, _) = await factory.CreateClient().GetAsync("/api/health", null);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("ok", body.GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("GET", "/api/student/assessments/quiz1")]
    [InlineData("POST", "/api/student/assessments/quiz1/submissions")]
    [InlineData("GET", "/api/student/submissions/s-1")]
    [InlineData("POST", "/api/teacher/courses/math101/assessments")]
    [InlineData("GET", "/api/teacher/courses/math101/gradebook")]
    [InlineData("POST", "/api/admin/users")]
    [InlineData("POST", "/api/admin/courses")]
    [InlineData("POST", "/api/admin/courses/math101/enrollments")]
    [InlineData("POST", "/api/platform/tenants")]
    public async Task AnyEndpoint_WithoutToken_Is401ProblemJson(string method, string path)
    {
        var (status, body, response) = await factory.CreateClient().SendAsync(new HttpMethod(method), path, null, rawJson: method == "POST" ? "{}" : null);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(401, body.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Token_SignedWithAnotherKey_Is401()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var otherFolder = Path.Combine("/tmp", "edt-forge-" + Guid.NewGuid().ToString("n")[..8]);
        var forged = LocalTokenIssuer.ForDataDirectory(otherFolder).Mint(school.Tenant, "s1", ["student"], TimeSpan.FromHours(1));

        var (status, _, _) = await school.Client.GetAsync($"/api/student/assessments/{school.Quiz}", forged);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Directory.Delete(otherFolder, true);
    }

    [Fact]
    public async Task Token_Expired_Is401()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var expired = factory.Issuer.Mint(school.Tenant, "s1", ["student"], TimeSpan.FromMinutes(5), DateTimeOffset.UtcNow.AddHours(-2));

        var (status, _, _) = await school.Client.GetAsync($"/api/student/assessments/{school.Quiz}", expired);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task Token_TenantThatDoesNotExist_Is401()
    {
        var (status, body, _) = await factory.CreateClient().GetAsync("/api/student/assessments/quiz1", factory.Token("no-such-school", "s1", "student"));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.EndsWith("/unknown-tenant", body.GetProperty("type").GetString());
        Assert.Equal("Unknown tenant", body.GetProperty("title").GetString());
        Assert.Equal("The token's tenant does not exist.", body.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Token_TenantClaimNotAValidTenantId_Is401()
    {
        var (status, body, _) = await factory.CreateClient().GetAsync("/api/student/assessments/quiz1", factory.Token("Not A Tenant!", "s1", "student"));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("Unauthenticated", body.GetProperty("title").GetString());
        Assert.Equal("The token lacks a valid tenant or subject.", body.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Token_SuspendedTenant_Is403AndDataStays()
    {
        var tenant = "suspended-" + Guid.NewGuid().ToString("n")[..6];
        var store = factory.Services.GetRequiredService<IDocumentStore>();
        await store.CreateAsync(TenantId.Platform, new TenantRecord(tenant, "Closed", "UTC", TenantStatus.Suspended, DateTimeOffset.UtcNow));

        var (status, body, _) = await factory.CreateClient().GetAsync("/api/student/assessments/quiz1", factory.Token(tenant, "s1", "student"));

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.EndsWith("/tenant-suspended", body.GetProperty("type").GetString());
        Assert.Equal("Tenant suspended", body.GetProperty("title").GetString());
        Assert.Equal("This school's access is suspended; its data is kept.", body.GetProperty("detail").GetString());
        Assert.NotNull(await store.GetAsync<TenantRecord>(TenantId.Platform, tenant));
    }

    [Fact]
    public async Task StudentToken_OnTeacherEndpoint_Is403()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var (status, _, response) = await school.Client.GetAsync($"/api/teacher/courses/{school.Course}/gradebook", school.Student1);
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task PlatformAdminRole_InASchoolTenant_CannotCreateTenants()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var (status, _, _) = await school.Client.PostAsync("/api/platform/tenants", factory.Token(school.Tenant, "x", "platform-admin"), new { id = "sneaky", name = "x", timeZone = "UTC" });
        Assert.Equal(HttpStatusCode.Forbidden, status);
    }

    [Fact]
    public async Task Student_OfAnotherTenant_GetsNotFoundForSameIds()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var other = await School.CreateAsync(factory, school.Client);
        var submissionId = await school.SubmitAsync(school.Student1);

        // Same user id "s1", same course and quiz ids, but the token's tenant is the other school.
        var (submission, _, _) = await school.Client.GetAsync($"/api/student/submissions/{submissionId}", other.Student1);
        var (gradebook, _, _) = await school.Client.GetAsync($"/api/teacher/courses/{school.Course}/gradebook", other.Teacher);

        Assert.Equal(HttpStatusCode.NotFound, submission);
        Assert.Equal(HttpStatusCode.OK, gradebook); // the other school's own math101: its rows carry no trace of the first school
        var (_, body, _) = await school.Client.GetAsync($"/api/teacher/courses/{school.Course}/gradebook", other.Teacher);
        Assert.DoesNotContain(submissionId, body.ToString());
    }

    [Fact]
    public async Task Classmate_ReadingMySubmission_GetsNotFound()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var submissionId = await school.SubmitAsync(school.Student1);

        var (status, body, _) = await school.Client.GetAsync($"/api/student/submissions/{submissionId}", school.Student2);

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.EndsWith("/not-found", body.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Student_NotEnrolled_GetsNotFoundForAssessmentAndSubmit()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var outsider = factory.Token(school.Tenant, "s9", "student");

        var (read, _, _) = await school.Client.GetAsync($"/api/student/assessments/{school.Quiz}", outsider);
        var (submit, body, _) = await school.Client.PostAsync($"/api/student/assessments/{school.Quiz}/submissions", outsider, School.PerfectAnswers);

        Assert.Equal(HttpStatusCode.NotFound, read);
        Assert.Equal(HttpStatusCode.NotFound, submit);
        Assert.Equal("No assessment with that id is visible to you.", body.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Teacher_NotEnrolledInCourse_GetsNotFound()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var stranger = factory.Token(school.Tenant, "t9", "teacher");

        var (gradebook, body, _) = await school.Client.GetAsync($"/api/teacher/courses/{school.Course}/gradebook", stranger);
        var (create, _, _) = await school.Client.PostAsync($"/api/teacher/courses/{school.Course}/assessments", stranger, School.QuizBody("x1"));

        Assert.Equal(HttpStatusCode.NotFound, gradebook);
        Assert.Equal(HttpStatusCode.NotFound, create);
        Assert.Equal("No course with that id is visible to you.", body.GetProperty("detail").GetString());
    }
}
