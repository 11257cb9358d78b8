using System.Net;
using System.Net.Http.Headers;
using System.Text;
using EdTech.Bff.Tests.Infrastructure;

namespace EdTech.Bff.Tests.Users;

/// <summary>GET and PATCH /api/admin/users/{userId}: ETag, merge patch in both media types, If-Match, 422 naming fields, 404 across tenants.</summary>
public sealed class AdminUsersRouteTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static async Task<(HttpStatusCode Status, System.Text.Json.JsonElement Body, HttpResponseMessage Response)> PatchAsync(
        School school, string userId, string json, string contentType = "application/merge-patch+json", string? ifMatch = null, string? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/admin/users/{userId}") { Content = new StringContent(json, Encoding.UTF8) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token ?? school.Admin);
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        var response = await school.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : System.Text.Json.JsonDocument.Parse(text).RootElement.Clone(), response);
    }

    [Fact]
    public async Task Get_User_HasItsFieldsActiveAndAnETag()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());

        var (status, body, response) = await school.Client.GetAsync("/api/admin/users/s1", school.Admin);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("s1", body.GetProperty("id").GetString());
        Assert.Equal("s1@school.example", body.GetProperty("email").GetString());
        Assert.Equal("student", body.GetProperty("roles")[0].GetString());
        Assert.True(body.GetProperty("active").GetBoolean());
        Assert.NotNull(response.Headers.ETag);
    }

    [Fact]
    public async Task Get_AnotherTenantsOrUnknownUser_Is404()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var other = await School.CreateAsync(factory, school.Client);
        await other.AddStudentAsync("only-there");

        Assert.Equal(HttpStatusCode.NotFound, (await school.Client.GetAsync("/api/admin/users/only-there", school.Admin)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await school.Client.GetAsync("/api/admin/users/nobody", school.Admin)).Status);
        Assert.Equal(HttpStatusCode.OK, (await other.Client.GetAsync("/api/admin/users/only-there", other.Admin)).Status);
    }

    [Theory]
    [InlineData("application/merge-patch+json")]
    [InlineData("application/json")]
    public async Task Patch_MergePatch_ChangesOnlyThePresentFields_AndAnswersTheNewETag(string contentType)
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var (_, _, before) = await school.Client.GetAsync("/api/admin/users/s1", school.Admin);

        var (status, body, response) = await PatchAsync(school, "s1", """{"displayName":"Sam Smith","roles":["student","teacher"],"id":"hijack"}""", contentType);

        Assert.True(status == HttpStatusCode.OK, body.ToString());
        Assert.Equal("Sam Smith", body.GetProperty("displayName").GetString());
        Assert.Equal("s1@school.example", body.GetProperty("email").GetString());
        Assert.Equal(["student", "teacher"], body.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("s1", body.GetProperty("id").GetString());
        Assert.NotEqual(before.Headers.ETag, response.Headers.ETag);
        var (_, read, again) = await school.Client.GetAsync("/api/admin/users/s1", school.Admin);
        Assert.Equal("Sam Smith", read.GetProperty("displayName").GetString());
        Assert.Equal(response.Headers.ETag, again.Headers.ETag);
    }

    [Fact]
    public async Task Patch_WithAStaleIfMatch_Is412_WithTheCurrentOne_Is200()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var (_, _, first) = await school.Client.GetAsync("/api/admin/users/s1", school.Admin);
        var stale = first.Headers.ETag!.ToString();
        var (ok, _, second) = await PatchAsync(school, "s1", """{"email":"sam@new.example"}""", ifMatch: stale);
        Assert.Equal(HttpStatusCode.OK, ok);

        var (status, body, response) = await PatchAsync(school, "s1", """{"displayName":"Lost update"}""", ifMatch: stale);

        Assert.Equal(HttpStatusCode.PreconditionFailed, status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("s1", (await school.Client.GetAsync("/api/admin/users/s1", school.Admin)).Body.GetProperty("displayName").GetString());
        Assert.Equal(HttpStatusCode.OK, (await PatchAsync(school, "s1", """{"displayName":"Applied"}""", ifMatch: second.Headers.ETag!.ToString())).Status);
        Assert.Equal("https://edtech-serverless.dev/problems/precondition-failed", body.GetProperty("type").GetString());
    }

    [Theory]
    [InlineData("""{"displayName":null}""", "displayName")]
    [InlineData("""{"email":"not-an-address"}""", "email")]
    [InlineData("""{"roles":["student","platform-admin"]}""", "roles[1]")]
    [InlineData("""{"roles":[]}""", "roles")]
    [InlineData("""{"active":null}""", "active")]
    public async Task Patch_InvalidField_Is422NamingIt_AndChangesNothing(string json, string field)
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var (_, _, before) = await school.Client.GetAsync("/api/admin/users/s1", school.Admin);

        var (status, body, _) = await PatchAsync(school, "s1", json);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.True(body.GetProperty("errors").TryGetProperty(field, out _), body.ToString());
        Assert.Equal(before.Headers.ETag, (await school.Client.GetAsync("/api/admin/users/s1", school.Admin)).Response.Headers.ETag);
    }

    [Fact]
    public async Task Patch_WrongType_Is400NamingTheField_OtherMediaType_Is415()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());

        var (status, body, _) = await PatchAsync(school, "s1", """{"active":"no"}""");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(body.GetProperty("errors").TryGetProperty("active", out _), body.ToString());
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await PatchAsync(school, "s1", """{"active":false}""", "text/plain")).Status);
    }

    [Fact]
    public async Task Patch_AnotherTenantsOrUnknownUser_Is404_AndTheirUserIsUntouched()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var other = await School.CreateAsync(factory, school.Client);
        await other.AddStudentAsync("only-there");

        Assert.Equal(HttpStatusCode.NotFound, (await PatchAsync(school, "only-there", """{"active":false,"displayName":"Hijacked"}""")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await PatchAsync(school, "nobody", """{"displayName":"X"}""")).Status);

        var (_, theirs, _) = await other.Client.GetAsync("/api/admin/users/only-there", other.Admin);
        Assert.Equal("only-there", theirs.GetProperty("displayName").GetString());
        Assert.True(theirs.GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task OpenApiAdminDocument_HasTheUserAndEnrollmentRoutes_WithNamedSchemas()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var (_, admin, _) = await school.Client.GetAsync("/api/openapi/admin.json", null);
        var paths = admin.GetProperty("paths");

        var user = paths.GetProperty("/api/admin/users/{userId}");
        Assert.Contains("UserView", user.GetProperty("get").GetProperty("responses").GetProperty("200").ToString(), StringComparison.Ordinal);
        var patch = user.GetProperty("patch");
        Assert.Contains("UserPatchBody", patch.GetProperty("requestBody").ToString(), StringComparison.Ordinal);
        Assert.True(patch.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/merge-patch+json", out _));
        Assert.True(patch.GetProperty("responses").TryGetProperty("412", out _));
        Assert.True(paths.GetProperty("/api/admin/courses/{courseId}/enrollments/{userId}").GetProperty("delete").GetProperty("responses").TryGetProperty("204", out _));
    }
}
