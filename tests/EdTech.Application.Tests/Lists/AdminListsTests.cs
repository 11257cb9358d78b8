using EdTech.Application.Common;
using EdTech.Application.Lists.Admin;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Application.Tests.Submissions;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Tests.Lists;

/// <summary>The tenant admin's lists (and the teacher's roster) on SQLite: one page per read, filters in the query, 422s, other tenants invisible.</summary>
public sealed class AdminListsTests : IAsyncLifetime
{
    private static readonly TenantId Tenant = SubmitWorld.Tenant;
    private static readonly TenantId Other = new("school-b");
    private readonly SubmitWorld _world = new();

    public Task InitializeAsync() => _world.InitializeAsync();

    public Task DisposeAsync() => _world.DisposeAsync();

    private static Caller Admin => new(Tenant, "admin1", new HashSet<string> { Roles.TenantAdmin });

    private static Caller Teacher => new(Tenant, "t1", new HashSet<string> { Roles.Teacher });

    private ListUsersHandler Users => new(_world.Store);

    private ListCoursesHandler Courses => new(_world.Store);

    private ListEnrollmentsHandler Enrollments => new(_world.Store, _world.Access);

    private ListAuditHandler Audit => new(_world.Store);

    private Task AddUserAsync(string id, string name, string email, params string[] roles) => AddUserAsync(Tenant, id, name, email, roles);

    private async Task AddUserAsync(TenantId tenant, string id, string name, string email, params string[] roles) =>
        await _world.Store.CreateAsync(tenant, new UserRecord(id, name, email, roles, SubmitWorld.Due.AddDays(-90)));

    private static async Task<List<Page<T>>> AllPagesAsync<T>(Func<string?, Task<Outcome<Page<T>>>> read)
    {
        var pages = new List<Page<T>>();
        string? next = null;
        do
        {
            var outcome = await read(next);
            Assert.Null(outcome.Problem);
            pages.Add(outcome.Value!);
            next = outcome.Value!.Next;
        }
        while (next is not null && pages.Count < 50);
        return pages;
    }

    private async Task SeedUsersAsync()
    {
        await AddUserAsync("u1", "Ada Lovelace", "ada@school.example", Roles.Student);
        await AddUserAsync("u2", "Grace Hopper", "grace@school.example", Roles.Teacher);
        await AddUserAsync("u3", "Alan Turing", "ADA.admin@school.example", Roles.Student, Roles.Teacher);
        await AddUserAsync("u4", "Barbara Ada", "barbara@school.example", Roles.Student);
        await AddUserAsync("ada-id", "Zed", "zed@school.example", Roles.TenantAdmin);
        await AddUserAsync("u5", "Edsger", "ed@school.example", Roles.ContentAuthor);
        await AddUserAsync(Other, "u6", "Ada Other", "ada@other.example", Roles.Student);
    }

    [Fact]
    public async Task Users_PagedByTwo_ContinueWithoutOverlapOrGaps_InIdOrder_OnlyTheCallersTenant()
    {
        await SeedUsersAsync();

        var pages = await AllPagesAsync(next => Users.HandleAsync(Admin, null, null, "2", next, CancellationToken.None));

        Assert.Equal(["ada-id", "u1", "u2", "u3", "u4", "u5"], pages.SelectMany(p => p.Items).Select(u => u.UserId));
        Assert.Equal([2, 2, 2], pages.Select(p => p.Items.Count));
        Assert.Null(pages[^1].Next);
        var u1 = pages[0].Items[1];
        Assert.Equal(("u1", "Ada Lovelace", "ada@school.example", SubmitWorld.Due.AddDays(-90)), (u1.UserId, u1.DisplayName, u1.Email, u1.CreatedAt));
        Assert.Equal([Roles.Student], u1.Roles);
    }

    [Fact]
    public async Task Users_RoleFilter_ListsUsersHoldingTheRoleAmongOthers()
    {
        await SeedUsersAsync();

        var teachers = (await Users.HandleAsync(Admin, Roles.Teacher, null, null, null, CancellationToken.None)).Value!;
        var students = await AllPagesAsync(next => Users.HandleAsync(Admin, Roles.Student, null, "1", next, CancellationToken.None));

        Assert.Equal(["u2", "u3"], teachers.Items.Select(u => u.UserId));
        Assert.Equal(["u1", "u3", "u4"], students.SelectMany(p => p.Items).Select(u => u.UserId));
    }

    [Fact]
    public async Task Users_Q_MatchesAPrefixOfNameOrEmailIgnoringCase_OrOfTheId_NotASubstring()
    {
        await SeedUsersAsync();

        var ada = (await Users.HandleAsync(Admin, null, "ada", null, null, CancellationToken.None)).Value!;
        var upper = (await Users.HandleAsync(Admin, null, "  ADA ", null, null, CancellationToken.None)).Value!;
        var adaStudents = (await Users.HandleAsync(Admin, Roles.Student, "ada", null, null, CancellationToken.None)).Value!;
        var lovelace = (await Users.HandleAsync(Admin, null, "lovelace", null, null, CancellationToken.None)).Value!;
        var byId = (await Users.HandleAsync(Admin, null, "u4", null, null, CancellationToken.None)).Value!;

        // "Ada Lovelace" by name, "ADA.admin@" by email, "ada-id" by id; not "Barbara Ada" (substring) nor another tenant's Ada.
        Assert.Equal(["ada-id", "u1", "u3"], ada.Items.Select(u => u.UserId));
        // Names and emails ignore case; ids are case-sensitive, as everywhere in the API.
        Assert.Equal(["u1", "u3"], upper.Items.Select(u => u.UserId));
        Assert.Equal(["u1", "u3"], adaStudents.Items.Select(u => u.UserId));
        Assert.Empty(lovelace.Items);
        Assert.Equal(["u4"], byId.Items.Select(u => u.UserId));
    }

    [Theory]
    [InlineData("role", "principal", null)]
    [InlineData("role", "Teacher", null)]
    [InlineData("q", null, "   ")]
    public async Task Users_BadRoleOrQ_Is422NamingIt(string field, string? role, string? q)
    {
        var outcome = await Users.HandleAsync(Admin, role, q, null, null, CancellationToken.None);

        Assert.Equal((ProblemKind.Validation, true), (outcome.Problem!.Kind, outcome.Problem.Errors!.ContainsKey(field)));
    }

    [Fact]
    public async Task Users_QLongerThanTheLimit_Is422NamingQ()
    {
        var outcome = await Users.HandleAsync(Admin, null, new string('a', ListUsersHandler.MaxQueryLength + 1), null, null, CancellationToken.None);

        Assert.True(outcome.Problem!.Errors!.ContainsKey("q"));
    }

    [Theory]
    [InlineData("0", null, "limit")]
    [InlineData("201", null, "limit")]
    [InlineData("-1", null, "limit")]
    [InlineData(null, "not base64url!", "next")]
    [InlineData(null, "Ojo6", "next")]
    public async Task EveryAdminList_BadLimitOrNext_Is422NamingIt(string? limit, string? next, string field)
    {
        await _world.Store.CreateAsync(Tenant, new CourseRecord(SubmitWorld.Course, "Maths", SubmitWorld.Due));
        await _world.EnrollAsync(SubmitWorld.Course, "t1", Roles.Teacher);

        var problems = new[]
        {
            (await Users.HandleAsync(Admin, null, null, limit, next, CancellationToken.None)).Problem,
            (await Courses.HandleAsync(Admin, limit, next, CancellationToken.None)).Problem,
            (await Enrollments.ForAdminAsync(Admin, SubmitWorld.Course, null, null, limit, next, CancellationToken.None)).Problem,
            (await Enrollments.ForTeacherAsync(Teacher, SubmitWorld.Course, null, null, limit, next, CancellationToken.None)).Problem,
            (await Audit.HandleAsync(Admin, null, null, null, null, limit, next, CancellationToken.None)).Problem,
        };

        Assert.All(problems, p => Assert.Equal((ProblemKind.Validation, true), (p!.Kind, p.Errors!.ContainsKey(field))));
    }

    [Fact]
    public async Task UsersAndCourses_DeactivatedUserAndArchivedCourse_AreMarked()
    {
        await _world.Store.CreateAsync(Tenant, new UserRecord("u1", "Ada", "ada@school.example", [Roles.Student], SubmitWorld.Due, Active: false));
        await AddUserAsync("u2", "Bea", "bea@school.example", Roles.Student);
        await _world.Store.CreateAsync(Tenant, new CourseRecord("art", "Art", SubmitWorld.Due, ArchivedAt: SubmitWorld.Due));
        await _world.Store.CreateAsync(Tenant, new CourseRecord("bio", "Biology", SubmitWorld.Due));

        var users = (await Users.HandleAsync(Admin, null, null, null, null, CancellationToken.None)).Value!.Items;
        var courses = (await Courses.HandleAsync(Admin, null, null, CancellationToken.None)).Value!.Items;

        Assert.Equal([("u1", false), ("u2", true)], users.Select(u => (u.UserId, u.Active)));
        Assert.Equal([("art", true), ("bio", false)], courses.Select(c => (c.CourseId, c.Archived)));
    }

    [Fact]
    public async Task Courses_PagedByTwo_ContinueWithoutOverlapOrGaps_OnlyTheCallersTenant()
    {
        foreach (var id in new[] { "bio", "art", "math101", "chem", "drama" })
        {
            await _world.Store.CreateAsync(Tenant, new CourseRecord(id, "Course " + id, SubmitWorld.Due));
        }

        await _world.Store.CreateAsync(Other, new CourseRecord("other", "Theirs", SubmitWorld.Due));

        var pages = await AllPagesAsync(next => Courses.HandleAsync(Admin, "2", next, CancellationToken.None));

        Assert.Equal(["art", "bio", "chem", "drama", "math101"], pages.SelectMany(p => p.Items).Select(c => c.CourseId));
        Assert.Equal([2, 2, 1], pages.Select(p => p.Items.Count));
        Assert.Equal("Course chem", pages[1].Items[0].Title);
    }

    [Fact]
    public async Task Enrollments_PagedByUser_WithRoleSectionAndName_FilteredByRoleOrSection()
    {
        await _world.Store.CreateAsync(Tenant, new CourseRecord(SubmitWorld.Course, "Maths", SubmitWorld.Due));
        await AddUserAsync("s1", "Sam One", "s1@school.example", Roles.Student);
        await AddUserAsync("t1", "Tess", "t1@school.example", Roles.Teacher);
        await _world.EnrollAsync(SubmitWorld.Course, "t1", Roles.Teacher);
        foreach (var (user, section) in new[] { ("s2", "A"), ("s3", "B"), ("s4", "A") })
        {
            await _world.Store.CreateAsync(Tenant, new EnrollmentRecord(EnrollmentRecord.IdFor(SubmitWorld.Course, user), SubmitWorld.Course, user, Roles.Student, SubmitWorld.Due, section));
        }

        await _world.EnrollAsync("bio", "s9", Roles.Student);

        var admin = await AllPagesAsync(next => Enrollments.ForAdminAsync(Admin, SubmitWorld.Course, null, null, "2", next, CancellationToken.None));
        var teacher = await AllPagesAsync(next => Enrollments.ForTeacherAsync(Teacher, SubmitWorld.Course, Roles.Student, null, "2", next, CancellationToken.None));
        var sectionA = (await Enrollments.ForAdminAsync(Admin, SubmitWorld.Course, null, "A", null, null, CancellationToken.None)).Value!;

        Assert.Equal(["s1", "s2", "s3", "s4", "t1"], admin.SelectMany(p => p.Items).Select(e => e.UserId));
        Assert.Equal([2, 2, 1], admin.Select(p => p.Items.Count));
        Assert.Equal(new EnrollmentSummary("s1", Roles.Student, null, SubmitWorld.Due.AddDays(-30), "Sam One"), admin[0].Items[0]);
        Assert.Equal(("s3", "B", null), (admin[1].Items[0].UserId, admin[1].Items[0].Section, admin[1].Items[0].DisplayName));
        Assert.Equal(["s1", "s2", "s3", "s4"], teacher.SelectMany(p => p.Items).Select(e => e.UserId));
        Assert.Equal(["s2", "s4"], sectionA.Items.Select(e => e.UserId));
    }

    [Fact]
    public async Task Enrollments_UnknownOrOtherTenantsCourse_AndATeacherNotTeachingIt_Are404()
    {
        await _world.Store.CreateAsync(Other, new CourseRecord("theirs", "Theirs", SubmitWorld.Due));
        await _world.Store.CreateAsync(Tenant, new CourseRecord(SubmitWorld.Course, "Maths", SubmitWorld.Due));
        await _world.EnrollAsync(SubmitWorld.Course, "t2", Roles.Student);

        var problems = new[]
        {
            (await Enrollments.ForAdminAsync(Admin, "theirs", null, null, null, null, CancellationToken.None)).Problem,
            (await Enrollments.ForAdminAsync(Admin, "no:such", null, null, null, null, CancellationToken.None)).Problem,
            (await Enrollments.ForTeacherAsync(Teacher, SubmitWorld.Course, null, null, null, null, CancellationToken.None)).Problem,
            (await Enrollments.ForTeacherAsync(Teacher with { UserId = "t2" }, SubmitWorld.Course, null, null, null, null, CancellationToken.None)).Problem,
        };

        Assert.All(problems, p => Assert.Equal(ProblemKind.NotFound, p!.Kind));
    }

    [Theory]
    [InlineData("principal", null, "role")]
    [InlineData(null, "x", "section")]
    public async Task Enrollments_BadRoleOrSection_Is422NamingIt(string? role, string? sectionChar, string field)
    {
        // A section name longer than 100 characters.
        var section = sectionChar is null ? null : new string(sectionChar[0], 101);
        await _world.Store.CreateAsync(Tenant, new CourseRecord(SubmitWorld.Course, "Maths", SubmitWorld.Due));

        var outcome = await Enrollments.ForAdminAsync(Admin, SubmitWorld.Course, role, section, null, null, CancellationToken.None);

        Assert.True(outcome.Problem!.Errors!.ContainsKey(field));
    }

    private async Task SeedAuditAsync()
    {
        var t0 = new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
        var entries = new[]
        {
            ("a1", t0, "t1", "s1"), ("a2", t0.AddHours(1), "t2", "s1"), ("a3", t0.AddHours(2), "t1", "s2"),
            ("a4", t0.AddDays(1), "t1", "s1"), ("a5", t0.AddMinutes(30).AddMilliseconds(250), "admin1", "s2"),
        };
        foreach (var (id, at, actor, subject) in entries)
        {
            await _world.Store.CreateAsync(Tenant, new AuditEntry(id, at, actor, [Roles.Teacher], "grade.changed", subject, "submission/x", "1", "2", "regrade"));
        }

        await _world.Store.CreateAsync(Other, new AuditEntry("a6", t0, "t1", [Roles.Teacher], "grade.changed", "s1", null));
    }

    [Fact]
    public async Task Audit_ByStudentActorAndTime_CombineInOneQuery_PagedWithoutOverlap()
    {
        await SeedAuditAsync();

        var all = await AllPagesAsync(next => Audit.HandleAsync(Admin, null, null, null, null, "2", next, CancellationToken.None));
        var s1 = (await Audit.HandleAsync(Admin, "s1", null, null, null, null, null, CancellationToken.None)).Value!;
        var t1 = (await Audit.HandleAsync(Admin, null, "t1", null, null, null, null, CancellationToken.None)).Value!;
        var firstDay = (await Audit.HandleAsync(Admin, null, null, "2026-03-01T09:00:00Z", "2026-03-02", null, null, CancellationToken.None)).Value!;
        var halfHour = (await Audit.HandleAsync(Admin, null, null, "2026-03-01T09:30:00.25Z", "2026-03-01T10:00:00+00:00", null, null, CancellationToken.None)).Value!;
        var combined = (await Audit.HandleAsync(Admin, "s1", "t1", "2026-03-01T10:00:00+01:00", null, null, null, CancellationToken.None)).Value!;

        Assert.Equal(["a1", "a2", "a3", "a4", "a5"], all.SelectMany(p => p.Items).Select(e => e.EntryId));
        Assert.Equal([2, 2, 1], all.Select(p => p.Items.Count));
        Assert.Equal(["a1", "a2", "a4"], s1.Items.Select(e => e.EntryId));
        Assert.Equal(["a1", "a3", "a4"], t1.Items.Select(e => e.EntryId));
        Assert.Equal(["a1", "a2", "a3", "a5"], firstDay.Items.Select(e => e.EntryId));
        Assert.Equal(["a5"], halfHour.Items.Select(e => e.EntryId));
        // 10:00+01:00 is 09:00 UTC: from is inclusive.
        Assert.Equal(["a1", "a4"], combined.Items.Select(e => e.EntryId));
        Assert.Equal(("t1", "s1", "2", "regrade"), (s1.Items[0].ActorId, s1.Items[0].StudentId, s1.Items[0].New, s1.Items[0].Reason));
    }

    [Theory]
    [InlineData("bad id!", null, null, null, "studentId")]
    [InlineData(null, "bad id!", null, null, "actorId")]
    [InlineData(null, null, "yesterday", null, "from")]
    [InlineData(null, null, null, "1999-12-31", "to")]
    [InlineData(null, null, "2026-03-02", "2026-03-01", "to")]
    [InlineData(null, null, "2026-03-01", "2026-03-01", "to")]
    public async Task Audit_BadFilter_Is422NamingIt(string? studentId, string? actorId, string? from, string? to, string field)
    {
        var outcome = await Audit.HandleAsync(Admin, studentId, actorId, from, to, null, null, CancellationToken.None);

        Assert.Equal((ProblemKind.Validation, true), (outcome.Problem!.Kind, outcome.Problem.Errors!.ContainsKey(field)));
    }

    [Fact]
    public void AuditBound_IsWrittenAsAStoredInstantIs()
    {
        Assert.Equal("2026-03-01T09:30:00.25+00:00", ListAuditHandler.StoredText(new DateTimeOffset(2026, 3, 1, 10, 30, 0, 250, TimeSpan.FromHours(1))));
    }
}
