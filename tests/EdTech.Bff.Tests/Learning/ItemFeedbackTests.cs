using System.Net;
using EdTech.Bff.Tests.Infrastructure;

namespace EdTech.Bff.Tests.Learning;

/// <summary>POST /api/student/items/{itemId}/ratings and the flagged-items views of teachers and the content team.</summary>
public sealed class ItemFeedbackTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Rating_BadInput_Is422NamingTheField_AndUnknownItemOrAssessmentIs404()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());

        await ExpectInvalidAsync(school, new { assessmentId = school.Quiz, helpful = true, comment = new string('x', 1001) }, "comment");
        await ExpectInvalidAsync(school, new { assessmentId = school.Quiz }, "helpful");
        await ExpectInvalidAsync(school, new { helpful = true }, "assessmentId");
        var (item, _, _) = await school.Client.PostAsync("/api/student/items/nope/ratings", school.Student1, new { assessmentId = school.Quiz, helpful = true });
        Assert.Equal(HttpStatusCode.NotFound, item);
        var (assessment, _, _) = await school.Client.PostAsync("/api/student/items/q1/ratings", school.Student1, new { assessmentId = "nope", helpful = true });
        Assert.Equal(HttpStatusCode.NotFound, assessment);
        var (exactly, _, _) = await school.Client.PostAsync("/api/student/items/q1/ratings", school.Student1, new { assessmentId = school.Quiz, helpful = true, comment = new string('x', 1000) });
        Assert.Equal(HttpStatusCode.OK, exactly);
    }

    [Fact]
    public async Task ManyNotHelpful_FlagsTheItemForTeacherAndContentTeam_AndReRatingReplaces()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        foreach (var id in new[] { "s3", "s4" })
        {
            var (created, _, _) = await school.Client.PostAsync("/api/admin/users", school.Admin, new { id, displayName = id, email = $"{id}@school.example", roles = new[] { "student" } });
            Assert.Equal(HttpStatusCode.Created, created);
            var (enrolled, _, _) = await school.Client.PostAsync($"/api/admin/courses/{school.Course}/enrollments", school.Admin, new { userId = id, role = "student" });
            Assert.Equal(HttpStatusCode.Created, enrolled);
        }

        var students = new[] { school.Student1, school.Student2, factory.Token(school.Tenant, "s3", "student"), factory.Token(school.Tenant, "s4", "student") };
        foreach (var student in students.Take(3))
        {
            await RateAsync(school, student, helpful: false);
        }

        await RateAsync(school, students[3], helpful: true);
        var teacherView = await FlaggedAsync(school, $"/api/teacher/courses/{school.Course}/flagged-items", school.Teacher);
        var flagged = Assert.Single(teacherView);
        Assert.Equal("q2", flagged.GetProperty("itemId").GetString());
        Assert.Equal("not-helpful", flagged.GetProperty("reasons")[0].GetString());
        Assert.Equal(3, flagged.GetProperty("notHelpful").GetInt32());
        Assert.Single(await FlaggedAsync(school, "/api/content/flagged-items", factory.Token(school.Tenant, "c1", "content-author")));

        // s1 changes their mind: still one rating each, now 2 of 4 not helpful, under the threshold of 3.
        await RateAsync(school, school.Student1, helpful: true);
        Assert.Empty(await FlaggedAsync(school, $"/api/teacher/courses/{school.Course}/flagged-items", school.Teacher));
    }

    private static async Task RateAsync(School school, string token, bool helpful)
    {
        var (status, body, _) = await school.Client.PostAsync("/api/student/items/q2/ratings", token, new { assessmentId = school.Quiz, helpful, comment = "Ambiguous wording" });
        Assert.True(status == HttpStatusCode.OK, $"{status}: {body}");
        Assert.Equal(helpful, body.GetProperty("helpful").GetBoolean());
    }

    private static async Task<List<System.Text.Json.JsonElement>> FlaggedAsync(School school, string path, string token)
    {
        var (status, body, _) = await school.Client.GetAsync(path, token);
        Assert.Equal(HttpStatusCode.OK, status);
        return [.. body.GetProperty("items").EnumerateArray()];
    }

    private static async Task ExpectInvalidAsync(School school, object body, string field)
    {
        var (status, problem, response) = await school.Client.PostAsync("/api/student/items/q1/ratings", school.Student1, body);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors should name {field}: {problem}");
    }
}
