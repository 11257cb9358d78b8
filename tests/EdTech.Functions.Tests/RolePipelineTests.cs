using System.Text.Json;
using EdTech.Bff.Apis;
using Microsoft.AspNetCore.Mvc;

namespace EdTech.Functions.Tests;

/// <summary>Each role's ASP.NET Core pipeline run inside its HTTP function, on the real composed host.</summary>
public sealed class RolePipelineTests(FunctionsHostFixture host) : IClassFixture<FunctionsHostFixture>
{
    [Fact]
    public async Task HealthFunction_Returns200WithStatusOk()
    {
        var response = await host.InvokeAsync((f, req) => f.Health(req), "GET", "/api/health");

        Assert.IsType<EmptyResult>(response.Result);
        Assert.Equal(200, response.StatusCode);
        Assert.StartsWith("application/json", response.ContentType, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(response.Body);
        Assert.Equal("ok", json.RootElement.GetProperty("status").GetString());
        Assert.Single(json.RootElement.EnumerateObject());
    }

    [Fact]
    public async Task ReadyFunction_WithItsDurableBinding_Returns200WithEveryCheck()
    {
        var response = await host.InvokeAsync((f, req) => f.Ready(req, new RecordingDurableTaskClient()), "GET", "/api/health/ready");

        Assert.IsType<EmptyResult>(response.Result);
        Assert.Equal(200, response.StatusCode);
        using var json = JsonDocument.Parse(response.Body);
        Assert.Equal("ready", json.RootElement.GetProperty("status").GetString());
        Assert.Equal(["store", "durable", "changefeed-lag"], json.RootElement.GetProperty("checks").EnumerateObject().Select(c => c.Name));
    }

    [Fact]
    public async Task StudentFunction_GetWithoutToken_Returns401ProblemJson()
    {
        var response = await host.InvokeAsync((f, req) => f.Student(req, new RecordingDurableTaskClient()), "GET", "/api/student/submissions/x");

        Assert.IsType<EmptyResult>(response.Result);
        Assert.Equal(401, response.StatusCode);
        Assert.StartsWith("application/problem+json", response.ContentType, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(response.Body);
        Assert.Equal(401, json.RootElement.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task PlatformFunction_PostTenantsWithoutToken_Returns401()
    {
        var response = await host.InvokeAsync((f, req) => f.Platform(req, new RecordingDurableTaskClient()), "POST", "/api/platform/tenants");

        Assert.Equal(401, response.StatusCode);
        Assert.StartsWith("application/problem+json", response.ContentType, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StudentFunction_UnknownPath_Returns404()
    {
        var response = await host.InvokeAsync((f, req) => f.Student(req, new RecordingDurableTaskClient()), "GET", "/api/student/no-such-route");

        Assert.Equal(404, response.StatusCode);
    }

    [Fact]
    public async Task OpenApiFunction_AsTheFirstRequestOnAFreshHost_Returns200JsonWithStudentPaths()
    {
        // Its own host: the document must list the student routes even before any student request ran.
        using var fresh = new FunctionsHostFixture();

        var response = await fresh.InvokeAsync((f, req) => f.OpenApi(req), "GET", "/api/openapi/student.json");

        Assert.Equal(200, response.StatusCode);
        Assert.StartsWith("application/json", response.ContentType, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(response.Body);
        var paths = json.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains(paths, p => p.StartsWith("/api/student/", StringComparison.Ordinal));
        Assert.All(paths, p => Assert.StartsWith("/api/student/", p, StringComparison.Ordinal));
    }

    [Fact]
    public async Task OpenApiFunction_EveryRoleDocument_Returns200WithOnlyThatRolesPaths()
    {
        // Content has no endpoints yet, so a document may be empty; it must never show another role's routes.
        foreach (var role in EdTechApi.RoleGroups.Keys)
        {
            var response = await host.InvokeAsync((f, req) => f.OpenApi(req), "GET", $"/api/openapi/{role}.json");

            Assert.Equal(200, response.StatusCode);
            using var json = JsonDocument.Parse(response.Body);
            var paths = json.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
            Assert.All(paths, p => Assert.StartsWith($"/api/{role}/", p, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task HealthFunction_CalledTwice_ReusesThePipeline()
    {
        var first = await host.InvokeAsync((f, req) => f.Health(req), "GET", "/api/health");
        var second = await host.InvokeAsync((f, req) => f.Health(req), "GET", "/api/health");

        Assert.Equal(200, first.StatusCode);
        Assert.Equal(200, second.StatusCode);
    }
}
