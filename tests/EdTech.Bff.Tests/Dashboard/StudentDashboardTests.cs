using System.Net;
using EdTech.Bff.Tests.Infrastructure;
using static EdTech.Bff.Tests.Dashboard.DashboardCalls;

namespace EdTech.Bff.Tests.Dashboard;

/// <summary>API.md's student dashboard through the real LocalHost: read models only, released grades only, own data only.</summary>
public sealed class StudentDashboardTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Dashboard_GradedButUnreleased_IsNotInRecentGrades_UntilTheAssessmentIsReleased()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        await CreateQuizAsync(school, "held1", "manual");
        var submission = await school.SubmitAsync(school.Student1, assessmentId: "held1");
        await school.WaitForStatusAsync(school.Student1, submission, "graded");

        var before = await GetAsync(school, school.Student1);
        Assert.Empty(List(before, "recentGrades"));

        var (status, _, _) = await school.Client.PostAsync("/api/teacher/assessments/held1/release", school.Teacher, new { });
        Assert.Equal(HttpStatusCode.Accepted, status);

        var after = await school.PollAsync(DashboardPath, school.Student1, d => List(d, "recentGrades").Count > 0);
        var grade = Assert.Single(List(after, "recentGrades"));
        Assert.Equal("held1", grade.GetProperty("assessmentId").GetString());
        Assert.Equal(submission, grade.GetProperty("submissionId").GetString());
        Assert.Equal(5m, grade.GetProperty("score").GetDecimal());
        Assert.Equal(5m, grade.GetProperty("maxScore").GetDecimal());
        Assert.True(grade.TryGetProperty("releasedAt", out var releasedAt) && releasedAt.ValueKind == System.Text.Json.JsonValueKind.String);
    }

    [Fact]
    public async Task Dashboard_RecentGrades_AreNewestFirst_AtMostTen()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var submissions = new List<string>();
        for (var i = 0; i < 11; i++)
        {
            submissions.Add(await school.SubmitAsync(school.Student1));
        }

        foreach (var id in submissions)
        {
            await school.WaitForStatusAsync(school.Student1, id);
        }

        var dashboard = await GetAsync(school, school.Student1);

        // Immediate release records no release instant: newest is the latest submitted.
        Assert.Equal([.. Enumerable.Reverse(submissions).Take(10)], Ids(dashboard, "recentGrades", "submissionId"));
    }

    [Fact]
    public async Task Dashboard_ListsEnrolledCourses_AndOpenAssessmentsWithAttempts_ExcludingPastDeadline()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        await CreateQuizAsync(school, "limited", maxAttempts: 3);
        await CreateQuizAsync(school, "in-grace", dueAt: DateTimeOffset.UtcNow.AddMinutes(-2));
        await CreateQuizAsync(school, "closed", dueAt: DateTimeOffset.UtcNow.AddMinutes(-10));
        await school.SubmitAsync(school.Student1, assessmentId: "limited");
        await school.SubmitAsync(school.Student1, assessmentId: "limited");

        var dashboard = await GetAsync(school, school.Student1);

        var course = Assert.Single(List(dashboard, "courses"));
        Assert.Equal(school.Course, course.GetProperty("courseId").GetString());
        Assert.Equal("Maths", course.GetProperty("title").GetString());
        var open = List(dashboard, "openAssessments").ToDictionary(a => a.GetProperty("assessmentId").GetString()!);
        Assert.Equal(["in-grace", "limited", "quiz1"], open.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(2, open["limited"].GetProperty("attemptsUsed").GetInt32());
        Assert.Equal(3, open["limited"].GetProperty("maxAttempts").GetInt32());
        Assert.Equal(school.Course, open["limited"].GetProperty("courseId").GetString());
        Assert.Equal(0, open["quiz1"].GetProperty("attemptsUsed").GetInt32());
        Assert.Equal("Quiz", open["quiz1"].GetProperty("title").GetString());
    }

    [Fact]
    public async Task Dashboard_ShowsOnlyOwnResults_NotAnotherStudentsNorAnotherTenantsForTheSameUserId()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var other = await School.CreateAsync(factory, school.Client);
        await CreateQuizAsync(other, "elsewhere", token: other.Teacher);
        var classmate = await school.SubmitAsync(school.Student2);
        var sameIdOtherTenant = await other.SubmitAsync(other.Student1);
        await school.WaitForStatusAsync(school.Student2, classmate);
        await other.WaitForStatusAsync(other.Student1, sameIdOtherTenant);
        var own = await school.SubmitAsync(school.Student1);
        await school.WaitForStatusAsync(school.Student1, own);

        var dashboard = await GetAsync(school, school.Student1);

        Assert.Equal([own], Ids(dashboard, "recentGrades", "submissionId"));
        Assert.DoesNotContain("elsewhere", Ids(dashboard, "openAssessments", "assessmentId"));
        var classmates = await GetAsync(school, school.Student2);
        Assert.Equal([classmate], Ids(classmates, "recentGrades", "submissionId"));
        Assert.Equal(1, List(classmates, "openAssessments").Single(a => a.GetProperty("assessmentId").GetString() == "quiz1").GetProperty("attemptsUsed").GetInt32());
    }

    [Fact]
    public async Task Dashboard_StudentWithoutEnrollments_GetsEmptyLists_ThenSeesACourseOnceEnrolled()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var (created, _, _) = await school.Client.PostAsync("/api/admin/users", school.Admin, new { id = "s9", displayName = "s9", email = "s9@school.example", roles = new[] { "student" } });
        Assert.Equal(HttpStatusCode.Created, created);
        var loner = factory.Token(school.Tenant, "s9", "student");

        var empty = await GetAsync(school, loner);
        foreach (var field in new[] { "courses", "openAssessments", "recentGrades", "recommendations", "mastery" })
        {
            Assert.Empty(List(empty, field));
        }

        var (enrolled, _, _) = await school.Client.PostAsync($"/api/admin/courses/{school.Course}/enrollments", school.Admin, new { userId = "s9", role = "student" });
        Assert.Equal(HttpStatusCode.Created, enrolled);
        var after = await GetAsync(school, loner);
        Assert.Equal([school.Course], Ids(after, "courses", "courseId"));
        Assert.Equal(["quiz1"], Ids(after, "openAssessments", "assessmentId"));
    }

    [Fact]
    public async Task Dashboard_RecommendationsAndMastery_AreTheLearnerModels()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var wrong = new { answers = new object[] { new { itemId = "q1", value = "3" }, new { itemId = "q2", value = new[] { "4" } }, new { itemId = "q3", value = 1 }, new { itemId = "q4", value = "Rome" } } };
        await school.WaitForStatusAsync(school.Student1, await school.SubmitAsync(school.Student1, wrong));

        var dashboard = await school.PollAsync(DashboardPath, school.Student1, d => List(d, "mastery").Count > 0 && List(d, "recommendations").Count > 0);

        var (status, learner, _) = await school.Client.GetAsync("/api/student/recommendations", school.Student1);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(learner.GetProperty("mastery").GetRawText(), dashboard.GetProperty("mastery").GetRawText());
        Assert.Equal(learner.GetProperty("items").GetRawText(), dashboard.GetProperty("recommendations").GetRawText());
        Assert.Empty(List(await GetAsync(school, school.Student2), "mastery"));
    }

    [Fact]
    public async Task Dashboard_TeacherToken_IsForbidden()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());

        var (status, _, _) = await school.Client.GetAsync(DashboardPath, school.Teacher);

        Assert.Equal(HttpStatusCode.Forbidden, status);
    }
}
