using EdTech.Orchestrations.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace EdTech.Functions.Http;

/// <summary>
/// One HTTP function per role BFF, so API Management and the scale controller see each separately.
/// Auth is the pipeline's JWT bearer, not function keys. Each role function takes the durable client binding and
/// binds it for its request (health and openapi start no workflow, so they have none).
/// </summary>
public sealed class RoleFunctions(RolePipelines pipelines, InvocationDurableClientSource durable)
{
    private const string Get = "get";
    private const string Post = "post";
    private const string Put = "put";
    private const string Patch = "patch";
    private const string Delete = "delete";

    [Function("student")]
    public Task<IActionResult> Student([HttpTrigger(AuthorizationLevel.Anonymous, Get, Post, Put, Patch, Delete, Route = "student/{*path}")] HttpRequest req, [DurableClient] DurableTaskClient client) => Run("student", req, client);

    [Function("teacher")]
    public Task<IActionResult> Teacher([HttpTrigger(AuthorizationLevel.Anonymous, Get, Post, Put, Patch, Delete, Route = "teacher/{*path}")] HttpRequest req, [DurableClient] DurableTaskClient client) => Run("teacher", req, client);

    [Function("admin")]
    public Task<IActionResult> Admin([HttpTrigger(AuthorizationLevel.Anonymous, Get, Post, Put, Patch, Delete, Route = "admin/{*path}")] HttpRequest req, [DurableClient] DurableTaskClient client) => Run("admin", req, client);

    [Function("content")]
    public Task<IActionResult> Content([HttpTrigger(AuthorizationLevel.Anonymous, Get, Post, Put, Patch, Delete, Route = "content/{*path}")] HttpRequest req, [DurableClient] DurableTaskClient client) => Run("content", req, client);

    [Function("platform")]
    public Task<IActionResult> Platform([HttpTrigger(AuthorizationLevel.Anonymous, Get, Post, Put, Patch, Delete, Route = "platform/{*path}")] HttpRequest req, [DurableClient] DurableTaskClient client) => Run("platform", req, client);

    [Function("health")]
    public Task<IActionResult> Health([HttpTrigger(AuthorizationLevel.Anonymous, Get, Route = "health")] HttpRequest req) => Run("health", req, client: null);

    /// <summary>Readiness (docs/observability.md "Health"): the health group's pipeline, with the binding's client for the durable check.</summary>
    [Function("ready")]
    public Task<IActionResult> Ready([HttpTrigger(AuthorizationLevel.Anonymous, Get, Route = "health/ready")] HttpRequest req, [DurableClient] DurableTaskClient client) => Run("health", req, client);

    [Function("openapi")]
    public Task<IActionResult> OpenApi([HttpTrigger(AuthorizationLevel.Anonymous, Get, Route = "openapi/{document}")] HttpRequest req) => Run("openapi", req, client: null);

    private async Task<IActionResult> Run(string group, HttpRequest req, DurableTaskClient? client)
    {
        // The role endpoints' workflows (release, grading, regrade, tagging, calibration) use the binding's client.
        using var bound = client is null ? null : durable.Bind(client);
        await pipelines.RunAsync(group, req.HttpContext).ConfigureAwait(false);
        return new EmptyResult();
    }
}
