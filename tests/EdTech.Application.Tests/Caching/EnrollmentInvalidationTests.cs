using EdTech.Application.Audit;
using EdTech.Application.Caching;
using EdTech.Application.Common;
using EdTech.Application.Courses;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Application.Tests.Submissions;
using EdTech.Domain.Tenancy;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;

namespace EdTech.Application.Tests.Caching;

/// <summary>
/// Which cache stamps an enrollment gives: the course's (its gradebook has a new row) always, the user's teacher tag (the
/// courses their review queue reads) only for a teacher. A school enrolling its students must not leave a stamp per student
/// in the process (kept ten minutes: <see cref="LocalCacheStamps.ForgetAfter"/>). Unenrolling follows the same rule
/// (<see cref="TeacherQueryCache.InvalidateEnrollmentAsync"/>).
/// </summary>
public sealed class EnrollmentInvalidationTests : IAsyncLifetime
{
    private const string Course = "bio";
    private readonly SubmitWorld _world = new();
    private readonly LocalCacheStamps _stamps = new(TimeProvider.System);
    private ServiceProvider _services = null!;
    private TeacherQueryCache _cache = null!;

    private static TenantId Tenant => SubmitWorld.Tenant;

    public async Task InitializeAsync()
    {
        await _world.InitializeAsync();
        _services = new ServiceCollection().AddHybridCache().Services.BuildServiceProvider();
        _cache = new TeacherQueryCache(_services.GetRequiredService<HybridCache>(), _stamps);
        await _world.Store.CreateAsync(Tenant, new CourseRecord(Course, "Biology", SubmitWorld.Due.AddDays(-60)));
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _world.DisposeAsync();
    }

    [Fact]
    public async Task EnrollingStudents_StampsTheCourseOnly_NoTagPerStudent()
    {
        for (var i = 0; i < 20; i++)
        {
            Assert.True((await EnrollAsync($"student-{i}", Roles.Student)).IsSuccess);
        }

        Assert.Equal(1, _stamps.Count);
    }

    [Fact]
    public async Task EnrollingATeacher_ChangesTheirReviewQueueKey()
    {
        string[] teacherTags = [TeacherQueryCache.TenantTag(Tenant), TeacherQueryCache.TeacherTag(Tenant, "t1")];
        var before = await _stamps.ReadAsync(teacherTags, default);

        Assert.True((await EnrollAsync("t1", Roles.Teacher)).IsSuccess);

        Assert.NotEqual(before, await _stamps.ReadAsync(teacherTags, default));
        Assert.Equal(2, _stamps.Count);
    }

    [Fact]
    public async Task UnenrollingAStudent_StampsTheCourseOnly_ATeacher_AlsoTheirTag()
    {
        Assert.True((await EnrollAsync("s1", Roles.Student)).IsSuccess);
        Assert.True((await EnrollAsync("t1", Roles.Teacher)).IsSuccess);
        string[] studentTags = [TeacherQueryCache.TenantTag(Tenant), TeacherQueryCache.TeacherTag(Tenant, "s1")];
        string[] teacherTags = [TeacherQueryCache.TenantTag(Tenant), TeacherQueryCache.TeacherTag(Tenant, "t1")];
        var studentBefore = await _stamps.ReadAsync(studentTags, default);
        var teacherBefore = await _stamps.ReadAsync(teacherTags, default);
        var unenroll = new UnenrollUserHandler(_world.Store, _world.Access, _cache, new AuditLog(_world.Store), _world.Clock);

        Assert.True((await unenroll.HandleAsync(Admin, Course, "s1", default)).IsSuccess);
        Assert.Equal(studentBefore, await _stamps.ReadAsync(studentTags, default));
        Assert.True((await unenroll.HandleAsync(Admin, Course, "t1", default)).IsSuccess);

        Assert.NotEqual(teacherBefore, await _stamps.ReadAsync(teacherTags, default));
        Assert.Equal(2, _stamps.Count); // the course's and t1's
    }

    private static Caller Admin { get; } = new(Tenant, "admin-1", new HashSet<string> { Roles.TenantAdmin });

    private async Task<Outcome<EnrollmentRecord>> EnrollAsync(string user, string role)
    {
        await _world.Store.CreateAsync(Tenant, new UserRecord(user, user, $"{user}@school.example", [role], SubmitWorld.Due.AddDays(-90)));
        var handler = new EnrollUserHandler(_world.Store, _cache, _world.Access, _world.Clock);
        return await handler.HandleAsync(Admin, new EnrollUserCommand(Course, user, role), default);
    }
}
