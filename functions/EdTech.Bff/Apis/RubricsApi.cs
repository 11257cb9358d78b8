using EdTech.Application.Common;
using EdTech.Application.Rubrics;
using EdTech.Bff.Http;
using EdTech.Bff.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

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
        teacher.MapPost("/courses/{courseId}/rubrics", Create).WithSummary("Create a rubric of the course");
        teacher.MapGet("/courses/{courseId}/rubrics", List).WithSummary("List the course's rubrics (paged)");
        teacher.MapGet("/courses/{courseId}/rubrics/{rubricId}", Get).WithSummary("Read a rubric (current version with its ETag, or ?version=)");
        teacher.MapPut("/courses/{courseId}/rubrics/{rubricId}", Update).WithSummary("Edit a rubric (new version; If-Match required)");
        teacher.MapGet("/assessments/{assessmentId}/rubric-statistics", Statistics).WithSummary("Per-criterion statistics of the assessment's rubric items");
        return teacher;
    }

    private static async Task<Results<Created<RubricView>, Ok<RubricView>, ProblemHttpResult>> Create(
        string courseId, Json<RubricCommand> body, HttpContext context, CreateRubricHandler handler)
    {
        var outcome = await handler.HandleAsync(context.GetCaller(), courseId, body.Value, context.RequestAborted);
        if (outcome.Value is { } rubric)
        {
            context.Response.Headers.ETag = rubric.ETag;
        }

        return OutcomeResults.Created(outcome, r => r.View, r => $"/api/teacher/courses/{r.View.CourseId}/rubrics/{r.View.RubricId}");
    }

    private static async Task<Results<Ok<Page<RubricSummary>>, NotModified, ProblemHttpResult>> List(
        string courseId, [FromQuery] string? limit, [FromQuery] string? next, HttpContext context, ListRubricsHandler handler) =>
        PageResults.Ok(context, await handler.HandleAsync(context.GetCaller(), courseId, limit, next, context.RequestAborted));

    private static async Task<Results<Ok<RubricView>, ProblemHttpResult>> Get(
        string courseId, string rubricId, [FromQuery] string? version, HttpContext context, GetRubricHandler handler) =>
        WithETag(context, await handler.HandleAsync(context.GetCaller(), courseId, rubricId, version, context.RequestAborted));

    private static async Task<Results<Ok<RubricView>, ProblemHttpResult>> Update(
        string courseId, string rubricId, Json<RubricCommand> body, [FromHeader(Name = "If-Match")] string? ifMatch, HttpContext context, UpdateRubricHandler handler) =>
        WithETag(context, await handler.HandleAsync(context.GetCaller(), courseId, rubricId, body.Value, string.IsNullOrEmpty(ifMatch) ? null : ifMatch, context.RequestAborted));

    private static async Task<Results<Ok<RubricStatistics>, ProblemHttpResult>> Statistics(string assessmentId, HttpContext context, GetRubricStatisticsHandler handler) =>
        OutcomeResults.Ok(await handler.HandleAsync(context.GetCaller(), assessmentId, context.RequestAborted));

    private static Results<Ok<RubricView>, ProblemHttpResult> WithETag(HttpContext context, Outcome<TeacherRubric> outcome)
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
