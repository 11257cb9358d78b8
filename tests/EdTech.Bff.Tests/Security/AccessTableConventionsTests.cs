using EdTech.Bff.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EdTech.Bff.Tests.Security;

public sealed class AccessTableConventionsTests
{
    [Fact]
    public void EndpointWithoutARow_FailsWhenEndpointsAreBuilt_NamingTheEndpoint()
    {
        var app = WebApplication.CreateSlimBuilder().Build();
        app.MapGroup("/api/student").FromAccessTable().MapDelete("/everything", () => TypedResults.Ok());

        var error = Assert.Throws<InvalidOperationException>(() => ((IEndpointRouteBuilder)app).EnsureAccessTableCoversEndpoints());

        Assert.Contains("DELETE /api/student/everything", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EndpointWithARow_GetsTheRowsPolicyAndTheRowAsMetadata()
    {
        var app = WebApplication.CreateSlimBuilder().Build();
        app.MapGroup("/api/teacher").FromAccessTable().MapGet("/courses/{courseId}/gradebook", () => TypedResults.Ok());

        var endpoint = ((IEndpointRouteBuilder)app).EnsureAccessTableCoversEndpoints().DataSources.SelectMany(d => d.Endpoints).Single();

        var row = endpoint.Metadata.GetMetadata<AccessRule>();
        Assert.Equal(AccessScope.Course, row?.Scope);
        Assert.Contains(row!.Policy, endpoint.Metadata.OfType<Microsoft.AspNetCore.Authorization.AuthorizationPolicy>());
    }

    [Fact]
    public void Find_IsByMethodAndPatternExactlyAsMapped()
    {
        Assert.NotNull(AccessTable.Find("post", "/api/student/assessments/{assessmentId}/submissions"));
        Assert.Null(AccessTable.Find("GET", "/api/student/assessments/{assessmentId}/submissions"));
        Assert.Null(AccessTable.Find("GET", "/api/student/assessments/{id}"));
    }

    [Fact]
    public void EveryRow_IsUnique_AndOnlyAnonymousRowsHaveNoRoles()
    {
        Assert.Equal(AccessTable.Rows.Count, AccessTable.Rows.Select(r => r.Endpoint).Distinct(StringComparer.Ordinal).Count());
        Assert.All(AccessTable.Rows, r => Assert.Equal(r.Scope == AccessScope.Anonymous, r.Roles.Count == 0));
    }
}
