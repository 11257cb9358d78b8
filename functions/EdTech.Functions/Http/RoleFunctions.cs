using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace EdTech.Functions.Http;

/// <summary>
/// One HTTP function per role BFF, so API Management and the scale controller see each separately.
/// Auth is the pipeline's JWT bearer, not function keys.
/// </summary>
public sealed class RoleFunctions(RolePipelines pipelines)
{
    private const string Get = "get";
    private const string Post = "post";
    private const string Put = "put";
    private const string Patch = "patch";
    private const string Delete = "delete";

    [Function("student")]
    public Task<IActionResult> Student([HttpTrigger(AuthorizationLevel.Anonymous, Get, Post, Put, Patch, Delete, Route = "student/{*path}")] HttpRequest req) => Run("student", req);

    [Function("teacher")]
    public Task<IActionResult> Teacher([HttpTrigger(AuthorizationLevel.Anonymous, Get, Post, Put, Patch, Delete, Route = "teacher/{*path}")] HttpRequest req) => Run("teacher", req);

    [Function("admin")]
    public Task<IActionResult> Admin([HttpTrigger(AuthorizationLevel.Anonymous, Get, Post, Put, Patch, Delete, Route = "admin/{*path}")] HttpRequest req) => Run("admin", req);

    [Function("content")]
    public Task<IActionResult> Content([HttpTrigger(AuthorizationLevel.Anonymous, Get, Post, Put, Patch, Delete, Route = "content/{*path}")] HttpRequest req) => Run("content", req);

    [Function("platform")]
    public Task<IActionResult> Platform([HttpTrigger(AuthorizationLevel.Anonymous, Get, Post, Put, Patch, Delete, Route = "platform/{*path}")] HttpRequest req) => Run("platform", req);

    [Function("health")]
    public Task<IActionResult> Health([HttpTrigger(AuthorizationLevel.Anonymous, Get, Route = "health")] HttpRequest req) => Run("health", req);

    [Function("openapi")]
    public Task<IActionResult> OpenApi([HttpTrigger(AuthorizationLevel.Anonymous, Get, Route = "openapi/{document}")] HttpRequest req) => Run("openapi", req);

    private async Task<IActionResult> Run(string group, HttpRequest req)
    {
        await pipelines.RunAsync(group, req.HttpContext).ConfigureAwait(false);
        return new EmptyResult();
    }
}
