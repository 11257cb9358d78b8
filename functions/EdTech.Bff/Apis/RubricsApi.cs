using EdTech.Application.Common;
using EdTech.Application.Rubrics;
using EdTech.Bff.Http;
using EdTech.Bff.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace EdTech.Bff.Apis;

/// <summary>
/// A course's rubrics for manually scored items (docs/rubrics.md): create, list (paged), read with an ETag (or an earlier
/// version with <c>?version=</c>), a versioned edit with If-Match, and per-criterion statistics of an assessment's rubric items.
/// </summary>
public static class RubricsApi
{
    public static RouteGroupBuilder MapTeacherRubrics(this IEndpointRouteBuilder routes)
    {
        var teacher = routes.MapRoleGroup("teacher");
        teacher.MapPost("/courses/{courseId}/rubrics", Create).WithSummary("Create a rubric of the course")
            .Accepts<RubricCommand>("application/json").Produces<RubricView>(StatusCodes.Status201Created).Produces<RubricView>();
        teacher.MapGet("/courses/{courseId}/rubrics", List).WithSummary("List the course's rubrics (paged)")
            .Produces<Page<RubricSummary>>().Produces(StatusCodes.Status304NotModified);
        teacher.MapGet("/courses/{courseId}/rubrics/{rubricId}", Get).WithSummary("Read a rubric (current version with its ETag, or ?version=)").Produces<RubricView>();
        teacher.MapPut("/courses/{courseId}/rubrics/{rubricId}", Update).WithSummary("Edit a rubric (new version; If-Match required)")
            .Accepts<RubricCommand>("application/json").Produces<RubricView>();
        teacher.MapGet("/assessments/{assessmentId}/rubric-statistics", Statistics).WithSummary("Per-criterion statistics of the assessment's rubric items")
            .Produces<RubricStatistics>();
        return teacher;
    }

    private static async Task<IResult> Create(string courseId, HttpRequest request, CreateRubricHandler handler)
    {
        var (body, error) = await JsonBody.ReadAsync<RubricCommand>(request);
        if (error is not null)
        {
            return error;
        }

        var outcome = await handler.HandleAsync(request.HttpContext.GetCaller(), courseId, body!, request.HttpContext.RequestAborted);
        if (outcome.Problem is { } problem)
        {
            return Problems.Of(problem);
        }

        var rubric = outcome.Value!;
        request.HttpContext.Response.Headers.ETag = rubric.ETag;
        return outcome.Created
            ? TypedResults.Created($"/api/teacher/courses/{rubric.View.CourseId}/rubrics/{rubric.View.RubricId}", rubric.View)
            : TypedResults.Ok(rubric.View);
    }

    private static async Task<IResult> List(string courseId, [FromQuery] string? limit, [FromQuery] string? next, HttpContext context, ListRubricsHandler handler) =>
        PageResults.Ok(context, await handler.HandleAsync(context.GetCaller(), courseId, limit, next, context.RequestAborted));

    private static async Task<IResult> Get(string courseId, string rubricId, [FromQuery] string? version, HttpContext context, GetRubricHandler handler) =>
        WithETag(context, await handler.HandleAsync(context.GetCaller(), courseId, rubricId, version, context.RequestAborted));

    private static async Task<IResult> Update(string courseId, string rubricId, HttpRequest request, UpdateRubricHandler handler)
    {
        var (body, error) = await JsonBody.ReadAsync<RubricCommand>(request);
        if (error is not null)
        {
            return error;
        }

        var ifMatch = request.Headers[HeaderNames.IfMatch].ToString();
        return WithETag(request.HttpContext, await handler.HandleAsync(request.HttpContext.GetCaller(), courseId, rubricId, body!,
            ifMatch.Length == 0 ? null : ifMatch, request.HttpContext.RequestAborted));
    }

    private static async Task<IResult> Statistics(string assessmentId, HttpContext context, GetRubricStatisticsHandler handler) =>
        OutcomeResults.Ok(await handler.HandleAsync(context.GetCaller(), assessmentId, context.RequestAborted));

    private static IResult WithETag(HttpContext context, Outcome<TeacherRubric> outcome)
    {
        if (outcome.Problem is { } problem)
        {
            return Problems.Of(problem);
        }

        if (outcome.Value!.ETag is { } etag)
        {
            context.Response.Headers.ETag = etag;
        }

        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(outcome.Value.View);
    }
}
