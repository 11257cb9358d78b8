using EdTech.Application.Access;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Application.Tests.Submissions;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Tests.Access;

/// <summary>The course scope: enrolled in that course, in that role, in that tenant; cached for the TTL, forgotten at once.</summary>
public sealed class CourseAccessTests : IAsyncLifetime
{
    private static readonly TenantId Tenant = SubmitWorld.Tenant;
    private readonly SubmitWorld _world = new();

    public Task InitializeAsync() => _world.InitializeAsync();

    public Task DisposeAsync() => _world.DisposeAsync();

    private CourseAccess Access => _world.Access;

    private Task<bool> EnrolledAsync(string course, string user, string role, TenantId? tenant = null) =>
        Access.IsEnrolledAsync(tenant ?? Tenant, course, user, role, CancellationToken.None);

    [Fact]
    public async Task IsEnrolled_InThatCourseAndRole_IsTrue_OtherwiseFalse()
    {
        Assert.True(await EnrolledAsync("math101", "s1", Roles.Student));
        Assert.False(await EnrolledAsync("math101", "s1", Roles.Teacher));
        Assert.False(await EnrolledAsync("bio201", "s1", Roles.Student));
        Assert.False(await EnrolledAsync("math101", "s2", Roles.Student));
        Assert.False(await EnrolledAsync("math101", "s1", Roles.Student, new TenantId("school-b")));
    }

    [Fact]
    public async Task IsEnrolled_Unenrolled_StaysCachedUntilTheTtl_ThenIsFalse()
    {
        Assert.True(await EnrolledAsync("math101", "s1", Roles.Student));
        await _world.Store.DeleteAsync(Tenant, Containers.Enrollments, EnrollmentRecord.IdFor("math101", "s1"));

        Assert.True(await EnrolledAsync("math101", "s1", Roles.Student));
        _world.Clock.Advance(AccessCacheSettings.Default.Ttl);
        Assert.False(await EnrolledAsync("math101", "s1", Roles.Student));
    }

    [Fact]
    public async Task IsEnrolled_NotEnrolledIsNotCached_AnEnrollmentCountsAtOnce()
    {
        Assert.False(await EnrolledAsync("bio201", "s1", Roles.Student));
        await _world.EnrollAsync("bio201", "s1", Roles.Student);

        Assert.True(await EnrolledAsync("bio201", "s1", Roles.Student));
    }

    [Fact]
    public async Task IsEnrolled_CacheIsPerTenant()
    {
        var other = new TenantId("school-b");
        Assert.True(await EnrolledAsync("math101", "s1", Roles.Student));

        Assert.False(await EnrolledAsync("math101", "s1", Roles.Student, other));
    }

    [Fact]
    public async Task Forget_DropsTheCachedEnrollmentAndCourseListsAtOnce()
    {
        await _world.EnrollAsync("bio201", "s1", Roles.Teacher);
        Assert.True(await EnrolledAsync("math101", "s1", Roles.Student));
        Assert.Equal(["math101"], await Access.CoursesOfAsync(Tenant, "s1", Roles.Student, CancellationToken.None));
        Assert.Equal(["bio201"], await Access.CoursesOfAsync(Tenant, "s1", Roles.Teacher, CancellationToken.None));
        await _world.Store.DeleteAsync(Tenant, Containers.Enrollments, EnrollmentRecord.IdFor("math101", "s1"));
        await _world.Store.DeleteAsync(Tenant, Containers.Enrollments, EnrollmentRecord.IdFor("bio201", "s1"));

        Access.Forget(Tenant, "math101", "s1");

        Assert.False(await EnrolledAsync("math101", "s1", Roles.Student));
        Assert.Empty(await Access.CoursesOfAsync(Tenant, "s1", Roles.Student, CancellationToken.None));
        Assert.Empty(await Access.CoursesOfAsync(Tenant, "s1", Roles.Teacher, CancellationToken.None));
    }

    [Fact]
    public async Task Forget_OnlyThatTenantsEntries()
    {
        var other = new TenantId("school-b");
        await _world.Store.CreateAsync(other, new EnrollmentRecord(EnrollmentRecord.IdFor("math101", "s1"), "math101", "s1", Roles.Student, SubmitWorld.Due));
        Assert.True(await EnrolledAsync("math101", "s1", Roles.Student, other));
        await _world.Store.DeleteAsync(other, Containers.Enrollments, EnrollmentRecord.IdFor("math101", "s1"));

        Access.Forget(Tenant, "math101", "s1");

        Assert.True(await EnrolledAsync("math101", "s1", Roles.Student, other));
    }

    [Fact]
    public async Task CoursesOf_OnlyThatRole_DistinctInIdOrder()
    {
        await _world.EnrollAsync("zoo300", "s1", Roles.Student);
        await _world.EnrollAsync("art100", "s1", Roles.Student);
        await _world.EnrollAsync("bio201", "s1", Roles.Teacher);
        await _world.EnrollAsync("chem1", "s2", Roles.Student);

        Assert.Equal(["art100", "math101", "zoo300"], await Access.CoursesOfAsync(Tenant, "s1", Roles.Student, CancellationToken.None));
        Assert.Equal(["bio201"], await Access.CoursesOfAsync(Tenant, "s1", Roles.Teacher, CancellationToken.None));
        Assert.Empty(await Access.CoursesOfAsync(Tenant, "s3", Roles.Student, CancellationToken.None));
        Assert.Empty(await Access.CoursesOfAsync(new TenantId("school-b"), "s1", Roles.Student, CancellationToken.None));
    }

    [Fact]
    public async Task CoursesOf_IsCachedPerRoleUntilTheTtl()
    {
        Assert.Equal(["math101"], await Access.CoursesOfAsync(Tenant, "s1", Roles.Student, CancellationToken.None));
        Assert.Empty(await Access.CoursesOfAsync(Tenant, "s1", Roles.Teacher, CancellationToken.None));
        await _world.EnrollAsync("art100", "s1", Roles.Student);

        Assert.Equal(["math101"], await Access.CoursesOfAsync(Tenant, "s1", Roles.Student, CancellationToken.None));
        _world.Clock.Advance(AccessCacheSettings.Default.Ttl);
        Assert.Equal(["art100", "math101"], await Access.CoursesOfAsync(Tenant, "s1", Roles.Student, CancellationToken.None));
    }
}

public sealed class AccessCacheSettingsTests
{
    [Theory]
    [InlineData("1", 1)]
    [InlineData("60", 60)]
    [InlineData("17", 17)]
    [InlineData("0", 5)]
    [InlineData("61", 5)]
    [InlineData("-3", 5)]
    [InlineData("ten", 5)]
    [InlineData(null, 5)]
    [InlineData("1.5", 5)]
    public void From_OneToSixtySeconds_ElseTheDefaultFive(string? seconds, int expected) =>
        Assert.Equal(TimeSpan.FromSeconds(expected), AccessCacheSettings.From(seconds).Ttl);

    [Fact]
    public void Default_IsFiveSeconds() => Assert.Equal(TimeSpan.FromSeconds(5), AccessCacheSettings.Default.Ttl);
}
