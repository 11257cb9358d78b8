using System.Net;
using System.Text.Json;
using EdTech.Bff.Tests.Infrastructure;

namespace EdTech.Bff.Tests.Query;

/// <summary>The course grading scheme and assessment categories through the real pipeline.</summary>
public sealed class GradingSchemeTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static readonly object Scheme = new
    {
        categories = new object[]
        {
            new { id = "hw", name = "Homework", weight = 1, dropLowest = 1 },
            new { id = "ex", name = "Exams", weight = 3 },
        },
    };

    [Fact]
    public async Task PutThenGet_ReturnsTheScheme_WithDropLowestDefaultingToZero()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var (empty, none, _) = await school.Client.GetAsync(SchemePath(school), school.Teacher);
        Assert.Equal(HttpStatusCode.OK, empty);
        Assert.Equal(0, none.GetProperty("categories").GetArrayLength());

        var (put, stored, _) = await school.Client.SendAsync(HttpMethod.Put, SchemePath(school), school.Teacher, Scheme);
        Assert.True(put == HttpStatusCode.OK, stored.ToString());

        var (_, read, _) = await school.Client.GetAsync(SchemePath(school), school.Teacher);
        var categories = read.GetProperty("categories").EnumerateArray().ToList();
        Assert.Equal(["hw", "ex"], categories.Select(c => c.GetProperty("id").GetString()));
        Assert.Equal([1, 0], categories.Select(c => c.GetProperty("dropLowest").GetInt32()));
        Assert.Equal(3m, categories[1].GetProperty("weight").GetDecimal());
    }

    [Theory]
    [InlineData("""{"categories":[{"id":"hw","name":"Homework","weight":0}]}""", "categories[0].weight")]
    [InlineData("""{"categories":[{"id":"hw","name":"Homework","weight":-2}]}""", "categories[0].weight")]
    [InlineData("""{"categories":[{"id":"hw","name":"A","weight":1},{"id":"hw","name":"B","weight":1}]}""", "categories[1].id")]
    [InlineData("""{"categories":[{"id":"hw","name":"Homework","weight":1,"dropLowest":-1}]}""", "categories[0].dropLowest")]
    [InlineData("""{"categories":[{"name":"Homework","weight":1}]}""", "categories[0].id")]
    [InlineData("""{"categories":[{"id":"hw","weight":1}]}""", "categories[0].name")]
    [InlineData("""{}""", "categories")]
    public async Task Put_BadInput_Is422NamingTheField(string json, string field)
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var (status, problem, _) = await school.Client.SendAsync(HttpMethod.Put, SchemePath(school), school.Teacher, rawJson: json);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task Put_WrongType_Is400NamingTheField()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var (status, problem, _) = await school.Client.SendAsync(HttpMethod.Put, SchemePath(school), school.Teacher,
            rawJson: """{"categories":[{"id":"hw","name":"Homework","weight":"heavy"}]}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(problem.GetProperty("errors").TryGetProperty("categories[0].weight", out _), problem.ToString());
    }

    [Fact]
    public async Task Assessment_WithAnUnknownCategory_Is422NamingCategory_AndWithAKnownOne_IsCreated()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var assessments = $"/api/teacher/courses/{school.Course}/assessments";
        var (noScheme, problem, _) = await school.Client.PostAsync(assessments, school.Teacher, School.QuizBody("hw1", category: "hw"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noScheme);
        Assert.True(problem.GetProperty("errors").TryGetProperty("category", out _), problem.ToString());

        Assert.Equal(HttpStatusCode.OK, (await school.Client.SendAsync(HttpMethod.Put, SchemePath(school), school.Teacher, Scheme)).Status);
        var (unknown, unknownProblem, _) = await school.Client.PostAsync(assessments, school.Teacher, School.QuizBody("hw1", category: "labs"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown);
        Assert.True(unknownProblem.GetProperty("errors").TryGetProperty("category", out _), unknownProblem.ToString());

        var (created, body, _) = await school.Client.PostAsync(assessments, school.Teacher, School.QuizBody("hw1", category: "hw"));
        Assert.Equal(HttpStatusCode.Created, created);
        Assert.Equal("hw", body.GetProperty("category").GetString());
    }

    [Fact]
    public async Task AnotherTenantsTeacher_AndATeacherNotInTheCourse_Get404()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var other = await School.CreateAsync(factory, factory.CreateClient());
        Assert.Equal(HttpStatusCode.OK, (await school.Client.SendAsync(HttpMethod.Put, SchemePath(school), school.Teacher, Scheme)).Status);
        Assert.Equal(HttpStatusCode.Created, (await school.Client.PostAsync($"/api/teacher/courses/{school.Course}/assessments", school.Teacher, School.QuizBody("only-home"))).Status);
        Assert.Equal(HttpStatusCode.Created, (await school.Client.PostAsync("/api/admin/users", school.Admin, new { id = "t9", displayName = "t9", email = "t9@school.example", roles = new[] { "teacher" } })).Status);
        var outsider = factory.Token(school.Tenant, "t9", "teacher");

        Assert.Equal(HttpStatusCode.NotFound, (await school.Client.GetAsync(SchemePath(school), outsider)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await school.Client.SendAsync(HttpMethod.Put, SchemePath(school), outsider, Scheme)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await school.Client.GetAsync("/api/teacher/assessments/only-home/statistics", outsider)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await school.Client.GetAsync("/api/teacher/assessments/only-home/statistics", other.Teacher)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await school.Client.GetAsync("/api/teacher/assessments/no-such-assessment/statistics", school.Teacher)).Status);

        // The same course id in the other school is its own course: its (empty) scheme, never this one.
        var (_, theirs, _) = await school.Client.GetAsync(SchemePath(other), other.Teacher);
        Assert.Equal(0, theirs.GetProperty("categories").GetArrayLength());
    }

    private static string SchemePath(School school) => $"/api/teacher/courses/{school.Course}/grading-scheme";

    internal static JsonElement Row(JsonElement gradebook, string userId) =>
        gradebook.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("userId").GetString() == userId);
}
