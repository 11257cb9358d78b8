using EdTech.Bff.Security;
using EdTech.Domain.Tenancy;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace EdTech.Bff.Tests.Security;

/// <summary>One access row on its own: the policy it builds, <see cref="AccessRule.Allows"/>, and the course-route check.</summary>
public sealed class AccessRuleTests
{
    [Fact]
    public void Policy_AnonymousRow_IsNone()
    {
        Assert.Null(new AccessRule("GET", "/api/health", AccessScope.Anonymous, []).Policy);
    }

    [Theory]
    [InlineData(AccessScope.Tenant)]
    [InlineData(AccessScope.Course)]
    [InlineData(AccessScope.Owner)]
    [InlineData(AccessScope.Platform)]
    public void Constructor_NonAnonymousRowWithoutRoles_FailsNamingRoles(AccessScope scope)
    {
        var error = Assert.Throws<ArgumentException>(() => new AccessRule("GET", "/api/x", scope, []));

        Assert.Equal("roles", error.ParamName);
        Assert.StartsWith("A non-anonymous row needs at least one role.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Policy_TenantRow_NeedsAUserWithOneOfItsRoles_AndNoTenantClaim()
    {
        var policy = new AccessRule("GET", "/api/x", AccessScope.Tenant, [Roles.Teacher, Roles.TenantAdmin]).Policy!;

        Assert.Single(policy.Requirements.OfType<DenyAnonymousAuthorizationRequirement>());
        var claim = Assert.Single(policy.Requirements.OfType<ClaimsAuthorizationRequirement>());
        Assert.Equal(EdTechClaims.Roles, claim.ClaimType);
        Assert.Equal([Roles.Teacher, Roles.TenantAdmin], claim.AllowedValues);
    }

    [Fact]
    public void Policy_PlatformRow_AlsoNeedsThePlatformTenant()
    {
        var policy = new AccessRule("POST", "/api/platform/tenants", AccessScope.Platform, [Roles.PlatformAdmin]).Policy!;

        var claims = policy.Requirements.OfType<ClaimsAuthorizationRequirement>().ToList();
        Assert.Equal(2, claims.Count);
        var tenant = Assert.Single(claims, c => c.ClaimType == EdTechClaims.Tenant);
        Assert.Equal([TenantId.PlatformValue], tenant.AllowedValues);
    }

    [Fact]
    public void Allows_IsExactAndCaseSensitive()
    {
        var rule = new AccessRule("GET", "/api/x", AccessScope.Tenant, [Roles.Teacher]);

        Assert.True(rule.Allows(Roles.Teacher));
        Assert.False(rule.Allows("Teacher"));
        Assert.False(rule.Allows(Roles.Student));
        Assert.Equal("GET /api/x", rule.Endpoint);
    }

    [Theory]
    [InlineData("/api/teacher/courses/{courseId}/gradebook")]
    [InlineData("/api/student/assessments/{assessmentId}")]
    public void EnsureRouteNamesACourse_CourseOrAssessmentInTheRoute_Passes(string pattern)
    {
        CourseScopeFilter.EnsureRouteNamesACourse(new AccessRule("GET", pattern, AccessScope.Course, [Roles.Teacher]));
    }

    [Fact]
    public void EnsureRouteNamesACourse_NeitherInTheRoute_FailsNamingTheEndpoint()
    {
        var rule = new AccessRule("GET", "/api/teacher/courses/{id}", AccessScope.Course, [Roles.Teacher]);

        var error = Assert.Throws<InvalidOperationException>(() => CourseScopeFilter.EnsureRouteNamesACourse(rule));

        Assert.Contains("'GET /api/teacher/courses/{id}'", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentNullException>(() => CourseScopeFilter.EnsureRouteNamesACourse(null!));
    }

    [Fact]
    public async Task CourseFilter_NullContextOrNext_FailsNamingIt()
    {
        var filter = new CourseScopeFilter(new AccessRule("GET", "/api/x/{courseId}", AccessScope.Course, [Roles.Teacher, Roles.TenantAdmin]));
        var context = new DefaultEndpointFilterInvocationContext(Http(Roles.TenantAdmin));

        Assert.Equal("context", (await Assert.ThrowsAsync<ArgumentNullException>(async () => await filter.InvokeAsync(null!, _ => ValueTask.FromResult<object?>("passed")))).ParamName);
        Assert.Equal("next", (await Assert.ThrowsAsync<ArgumentNullException>(async () => await filter.InvokeAsync(context, null!))).ParamName);
    }

    [Fact]
    public async Task CourseFilter_RowAlsoAllowsAStaffRoleTheCallerHas_PassesWithoutLookingAtEnrollment()
    {
        // No services at all: reaching the enrollment check would throw.
        var filter = new CourseScopeFilter(new AccessRule("GET", "/api/x/{courseId}", AccessScope.Course, [Roles.Teacher, Roles.TenantAdmin]));
        var context = new DefaultEndpointFilterInvocationContext(Http(Roles.Teacher, Roles.TenantAdmin));

        Assert.Equal("passed", await filter.InvokeAsync(context, _ => ValueTask.FromResult<object?>("passed")));
    }

    private static DefaultHttpContext Http(params string[] roles) => new()
    {
        User = new ClaimsPrincipal(new ClaimsIdentity(
            roles.Select(r => new Claim(EdTechClaims.Roles, r)).Append(new Claim(EdTechClaims.Tenant, "school-a")).Append(new Claim(EdTechClaims.Subject, "u1")), "test")),
    };
}
