using EdTech.Domain.Serialization;
using System.Text.Json;
using EdTech.Application.Assessments;
using EdTech.Application.Common;
using EdTech.Application.Lists;
using EdTech.Application.Records;
using EdTech.Application.Records.Views;
using EdTech.Application.Serialization;
using EdTech.Application.Storage;
using EdTech.Application.Tests.Submissions;
using EdTech.Domain.Submissions;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Tests.Lists;

/// <summary>The caller's lists on SQLite: one page per read, continuation without overlap or gaps, 422 for bad paging, course scope and what students see.</summary>
public sealed class CallerListsTests : IAsyncLifetime
{
    private static readonly TenantId Tenant = SubmitWorld.Tenant;
    private readonly SubmitWorld _world = new();

    public Task InitializeAsync() => _world.InitializeAsync();

    public Task DisposeAsync() => _world.DisposeAsync();

    private Caller Teacher => new(Tenant, "t1", new HashSet<string> { Roles.Teacher });

    private ListMyCoursesHandler Courses => new(_world.Store);

    private ListCourseAssessmentsHandler Assessments => new(_world.Store, _world.Access, _world.Clock);

    private ListSubmissionsHandler Submissions => new(_world.Store, new AssessmentLookup(_world.Store, _world.Clock), _world.Access);

    private async Task AddCourseAsync(string id, params (string User, string Role)[] enrollments)
    {
        await _world.Store.CreateAsync(Tenant, new CourseRecord(id, "Course " + id, SubmitWorld.Due.AddDays(-60)));
        foreach (var (user, role) in enrollments)
        {
            await _world.EnrollAsync(id, user, role);
        }
    }

    /// <summary>Every page until the last, following each page's token.</summary>
    private static async Task<List<Page<T>>> AllPagesAsync<T>(Func<string?, Task<Outcome<Page<T>>>> read)
    {
        var pages = new List<Page<T>>();
        string? next = null;
        do
        {
            var page = (await read(next)).Value!;
            pages.Add(page);
            next = page.Next;
        }
        while (next is not null && pages.Count < 50);
        return pages;
    }

    [Fact]
    public async Task MyCourses_PagedByThree_ListsEachOwnCourseOnceInIdOrder_AndOnlyInThatRole()
    {
        await _world.Store.CreateAsync(Tenant, new CourseRecord(SubmitWorld.Course, "Maths", SubmitWorld.Due));
        // Ids whose order differs from their enrollment ids' ("ab" < "ab-x" but "ab-x:s1" < "ab:s1"): the token must still continue exactly.
        foreach (var id in new[] { "ab", "ab-x", "bio", "chem", "c9", "z" })
        {
            await AddCourseAsync(id, (SubmitWorld.Student, Roles.Student), ("s2", Roles.Student));
        }

        await AddCourseAsync("taught", (SubmitWorld.Student, Roles.Teacher));
        await AddCourseAsync("other", ("s2", Roles.Student));

        var pages = await AllPagesAsync(next => Courses.HandleAsync(_world.Caller, Roles.Student, "3", next, CancellationToken.None));

        var ids = pages.SelectMany(p => p.Items).Select(c => c.CourseId).ToList();
        Assert.Equal(["ab-x", "ab", "bio", "c9", "chem", "math101", "z"], ids);
        Assert.Equal([3, 3, 1], pages.Select(p => p.Items.Count));
        Assert.Equal("Course bio", pages[0].Items.Concat(pages[1].Items).Single(c => c.CourseId == "bio").Title);
        Assert.Equal(["taught"], (await Courses.HandleAsync(_world.Caller, Roles.Teacher, null, null, CancellationToken.None)).Value!.Items.Select(c => c.CourseId));
    }

    [Theory]
    [InlineData("0", null, "limit")]
    [InlineData("201", null, "limit")]
    [InlineData("ten", null, "limit")]
    [InlineData(null, "not base64url!", "next")]
    [InlineData(null, "Ojo6", "next")]
    public async Task EveryList_BadLimitOrNext_Is422NamingIt(string? limit, string? next, string field)
    {
        await _world.AddAssessmentAsync(SubmitWorld.Quiz());
        await _world.EnrollAsync(SubmitWorld.Course, "t1", Roles.Teacher);

        var problems = new[]
        {
            (await Courses.HandleAsync(_world.Caller, Roles.Student, limit, next, CancellationToken.None)).Problem,
            (await Assessments.ForStudentAsync(_world.Caller, SubmitWorld.Course, limit, next, CancellationToken.None)).Problem,
            (await Assessments.ForTeacherAsync(Teacher, SubmitWorld.Course, limit, next, CancellationToken.None)).Problem,
            (await Submissions.ForStudentAsync(_world.Caller, limit, next, CancellationToken.None)).Problem,
            (await Submissions.ForTeacherAsync(Teacher, "quiz1", null, limit, next, CancellationToken.None)).Problem,
        };

        Assert.All(problems, p => Assert.Equal((ProblemKind.Validation, true), (p!.Kind, p.Errors!.ContainsKey(field))));
    }

    [Fact]
    public async Task CourseAssessments_PagedByTwo_ContinueWithoutOverlapOrGaps_OnlyThatCourse()
    {
        await _world.EnrollAsync(SubmitWorld.Course, "t1", Roles.Teacher);
        foreach (var id in new[] { "a1", "a2", "a3", "a4", "a5" })
        {
            await _world.AddAssessmentAsync(SubmitWorld.Quiz() with { Id = id });
        }

        await _world.AddAssessmentAsync(SubmitWorld.Quiz() with { Id = "a0", CourseId = "bio" });

        var teacher = await AllPagesAsync(next => Assessments.ForTeacherAsync(Teacher, SubmitWorld.Course, "2", next, CancellationToken.None));
        var student = await AllPagesAsync(next => Assessments.ForStudentAsync(_world.Caller, SubmitWorld.Course, "2", next, CancellationToken.None));

        Assert.Equal(["a1", "a2", "a3", "a4", "a5"], teacher.SelectMany(p => p.Items).Select(a => a.AssessmentId));
        Assert.Equal(["a1", "a2", "a3", "a4", "a5"], student.SelectMany(p => p.Items).Select(a => a.AssessmentId));
        Assert.Equal([2, 2, 1], teacher.Select(p => p.Items.Count));
        Assert.Equal((5m, 2, 1), (teacher[0].Items[0].MaxScore, teacher[0].Items[0].ItemCount, teacher[0].Items[0].Version));
    }

    [Fact]
    public async Task StudentAssessments_ShowNoItemsOrKeys_AndSayWhetherOpen()
    {
        await _world.AddAssessmentAsync(SubmitWorld.Quiz(grace: 60));
        await _world.AddAssessmentAsync(SubmitWorld.Quiz() with { Id = "past", DueAt = SubmitWorld.Due.AddDays(-2) });

        var page = (await Assessments.ForStudentAsync(_world.Caller, SubmitWorld.Course, null, null, CancellationToken.None)).Value!;
        var json = JsonSerializer.Serialize(page, EdTechJson.Options);

        Assert.Equal([("past", false), ("quiz1", true)], page.Items.Select(a => (a.AssessmentId, a.Open)));
        Assert.Equal(SubmitWorld.Due.AddSeconds(60), page.Items[1].Deadline);
        Assert.DoesNotContain("\"answer", json, StringComparison.Ordinal);
        // The page's own "items" only: no assessment carries its items.
        Assert.Single(json.Split("\"items\"", StringSplitOptions.None).Skip(1));
        Assert.DoesNotContain("\"prompt", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CourseAssessments_NotEnrolledInThatRole_Is404ForTheCourse()
    {
        await _world.AddAssessmentAsync(SubmitWorld.Quiz());

        var asTeacherNotTeaching = (await Assessments.ForTeacherAsync(Teacher, SubmitWorld.Course, null, null, CancellationToken.None)).Problem;
        var studentAsTeacher = (await Assessments.ForTeacherAsync(_world.Caller with { Roles = new HashSet<string> { Roles.Teacher } }, SubmitWorld.Course, null, null, CancellationToken.None)).Problem;
        var otherStudent = (await Assessments.ForStudentAsync(_world.Caller with { UserId = "s2" }, SubmitWorld.Course, null, null, CancellationToken.None)).Problem;
        var otherTenant = (await Assessments.ForStudentAsync(_world.Caller with { Tenant = new TenantId("school-b") }, SubmitWorld.Course, null, null, CancellationToken.None)).Problem;

        Assert.All(new[] { asTeacherNotTeaching, studentAsTeacher, otherStudent, otherTenant }, p => Assert.Equal((ProblemKind.NotFound, true), (p!.Kind, p.Detail!.Contains("course", StringComparison.Ordinal))));
    }

    [Fact]
    public async Task TeacherSubmissions_FilteredByStatus_PagedWithoutOverlap_OnlyThatAssessment()
    {
        await _world.EnrollAsync(SubmitWorld.Course, "t1", Roles.Teacher);
        await _world.AddAssessmentAsync(SubmitWorld.Quiz());
        for (var i = 0; i < 5; i++)
        {
            await _world.Store.CreateAsync(Tenant, Submission($"sub{i}", "quiz1", i % 2 == 0 ? SubmissionStatus.Graded : SubmissionStatus.AwaitingReview));
        }

        await _world.Store.CreateAsync(Tenant, Submission("other", "quiz2", SubmissionStatus.Graded));

        var graded = await AllPagesAsync(next => Submissions.ForTeacherAsync(Teacher, "quiz1", SubmissionStatus.Graded.Wire(), "2", next, CancellationToken.None));
        var all = await AllPagesAsync(next => Submissions.ForTeacherAsync(Teacher, "quiz1", null, "2", next, CancellationToken.None));

        Assert.Equal(["sub0", "sub2", "sub4"], graded.SelectMany(p => p.Items).Select(s => s.SubmissionId));
        Assert.Equal(["sub0", "sub1", "sub2", "sub3", "sub4"], all.SelectMany(p => p.Items).Select(s => s.SubmissionId));
        Assert.Equal([2, 2, 1], all.Select(p => p.Items.Count));
        var bad = (await Submissions.ForTeacherAsync(Teacher, "quiz1", "done", null, null, CancellationToken.None)).Problem;
        Assert.True(bad?.Errors?.ContainsKey("status"));
    }

    [Fact]
    public async Task TeacherSubmissions_NotTeachingOrUnknownAssessment_Is404()
    {
        await _world.AddAssessmentAsync(SubmitWorld.Quiz());
        await _world.EnrollAsync("bio", "t1", Roles.Teacher);

        var notTeaching = (await Submissions.ForTeacherAsync(Teacher, "quiz1", null, null, null, CancellationToken.None)).Problem;
        var unknown = (await Submissions.ForTeacherAsync(Teacher, "nope", null, null, null, CancellationToken.None)).Problem;

        Assert.Equal((ProblemKind.NotFound, ProblemKind.NotFound), (notTeaching!.Kind, unknown!.Kind));
    }

    [Fact]
    public async Task OwnSubmissions_OnlyTheCallers_ScoreOnlyOnceReleased_Paged()
    {
        for (var i = 0; i < 3; i++)
        {
            await _world.Store.CreateAsync(Tenant, View($"v{i}", "quiz1", SubmitWorld.Student));
        }

        await _world.Store.CreateAsync(Tenant, View("w1", "quiz2", SubmitWorld.Student));
        await _world.Store.CreateAsync(Tenant, View("x1", "quiz1", "s2"));
        await _world.Store.CreateAsync(Tenant, new AssessmentReleaseRecord("quiz2", SubmitWorld.Course, SubmitWorld.Due));

        var pages = await AllPagesAsync(next => Submissions.ForStudentAsync(_world.Caller, "3", next, CancellationToken.None));
        var items = pages.SelectMany(p => p.Items).ToList();

        Assert.Equal(["v0", "v1", "v2", "w1"], items.Select(s => s.SubmissionId));
        Assert.Equal([3, 1], pages.Select(p => p.Items.Count));
        Assert.All(items.Where(s => s.AssessmentId == "quiz1"), s => Assert.Equal((SubmissionStatus.Graded, (decimal?)null), (s.Status, s.Score)));
        Assert.Equal((SubmissionStatus.Released, (decimal?)4), (items[3].Status, items[3].Score));
    }

    private static SubmissionRecord Submission(string id, string assessmentId, SubmissionStatus status) =>
        new(id, assessmentId, 1, SubmitWorld.Course, "s-" + id, [], SubmitWorld.Due.AddHours(-1), false, status, 5, Score: status == SubmissionStatus.Graded ? 4 : null);

    private static SubmissionViewRecord View(string id, string assessmentId, string userId) =>
        new(id, assessmentId, SubmitWorld.Course, userId, SubmissionStatus.Graded, false, SubmitWorld.Due.AddHours(-1), 5, 4, 1);
}
