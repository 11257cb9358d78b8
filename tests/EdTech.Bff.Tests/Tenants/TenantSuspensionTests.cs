using System.Net;
using EdTech.Bff.Tests.Infrastructure;

namespace EdTech.Bff.Tests.Tenants;

public sealed class TenantSuspensionTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly Registry _registry = new(factory);

    [Fact]
    public async Task Suspend_BlocksUsersAtOnceWith403_AndReactivateRestoresWithDataIntact()
    {
        var school = await School.CreateAsync(factory, _registry.Client);
        var path = $"/api/student/assessments/{school.Quiz}";
        var (before, _, _) = await school.Client.GetAsync(path, school.Student1); // warms the tenant cache

        var (suspended, body, _) = await _registry.Client.PostAsync($"/api/platform/tenants/{school.Tenant}/suspend", _registry.Platform, new { reason = "Contract ended" });
        var (blocked, problem, _) = await school.Client.GetAsync(path, school.Student1);
        var (reactivated, _, _) = await _registry.Client.PostAsync($"/api/platform/tenants/{school.Tenant}/reactivate", _registry.Platform, new { });
        var (after, _, _) = await school.Client.GetAsync(path, school.Student1);

        Assert.Equal(HttpStatusCode.OK, before);
        Assert.Equal(HttpStatusCode.OK, suspended);
        Assert.Equal("suspended", body.GetProperty("status").GetString());
        Assert.Equal("Contract ended", body.GetProperty("suspendedReason").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, blocked);
        Assert.EndsWith("/tenant-suspended", problem.GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.OK, reactivated);
        Assert.Equal(HttpStatusCode.OK, after);
    }

    [Fact]
    public async Task SuspendTwice_IsIdempotentAndKeepsTheFirstReason()
    {
        var id = await _registry.CreateAsync("school");

        var (first, one, _) = await _registry.Client.PostAsync($"/api/platform/tenants/{id}/suspend", _registry.Platform, new { reason = "First" });
        var (second, two, _) = await _registry.Client.PostAsync($"/api/platform/tenants/{id}/suspend", _registry.Platform, new { reason = "Second" });

        Assert.Equal(HttpStatusCode.OK, first);
        Assert.Equal(HttpStatusCode.OK, second);
        Assert.Equal("First", two.GetProperty("suspendedReason").GetString());
        Assert.Equal(one.GetProperty("suspendedAt").GetString(), two.GetProperty("suspendedAt").GetString());
    }

    [Fact]
    public async Task Reactivate_AnActiveTenant_Is200AndChangesNothing()
    {
        var id = await _registry.CreateAsync("school");

        var (status, body, _) = await _registry.Client.PostAsync($"/api/platform/tenants/{id}/reactivate", _registry.Platform, new { });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("active", body.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Suspend_WithoutReason_Is422OnReason()
    {
        var id = await _registry.CreateAsync("school");

        var (status, body, _) = await _registry.Client.PostAsync($"/api/platform/tenants/{id}/suspend", _registry.Platform, new { });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.True(body.GetProperty("errors").TryGetProperty("reason", out _));
    }

    [Fact]
    public async Task Suspend_UnknownTenant_Is404()
    {
        var (status, _, _) = await _registry.Client.PostAsync("/api/platform/tenants/no-such-school/suspend", _registry.Platform, new { reason = "x" });
        Assert.Equal(HttpStatusCode.NotFound, status);
    }
}
