using EdTech.Application.Assessments;
using EdTech.Application.Assessments.Lifecycle;
using EdTech.Application.Common;
using EdTech.Application.Courses.Lifecycle;
using EdTech.Application.Courses.Modules;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Bff.Http;
using EdTech.Bff.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace EdTech.Bff.Apis;

/// <summary>An assessment's lifecycle state after publish/unpublish (the full teacher view: GET .../assessments/{assessmentId}).</summary>
public sealed record AssessmentStateView(string Id, string CourseId, string Title, bool Published, int Version);

/// <summary>
/// Updates and deletes beyond create (docs/api-lifecycle.md): a course's read, rename and archive (tenant admin), an assessment's
/// publish and unpublish, a module's read and delete (teacher). Reads answer an ETag; writes take an optional If-Match (412 stale).
/// </summary>
public static class LifecycleApi
{
    public static RouteGroupBuilder MapAdminLifecycleApi(this IEndpointRouteBuilder routes)
    {
        var admin = routes.MapRoleGroup("admin");
        admin.MapGet("/courses/{courseId}", GetCourse).Produces<CourseView>().WithSummary("Read a course (with its ETag)");
        admin.MapPatch("/courses/{courseId}", UpdateCourse).Produces<CourseView>()
            .WithSummary("Rename, archive or unarchive a course (merge patch, optional If-Match)");
        return admin;
    }

    public static RouteGroupBuilder MapTeacherLifecycleApi(this IEndpointRouteBuilder routes)
    {
        var teacher = routes.MapRoleGroup("teacher");
        teacher.MapPost("/courses/{courseId}/assessments/{assessmentId}/unpublish", Unpublish).Produces<AssessmentStateView>()
            .WithSummary("Unpublish an assessment that has no submissions (back to draft)");
        teacher.MapPost("/courses/{courseId}/assessments/{assessmentId}/publish", Publish).Produces<AssessmentStateView>()
            .WithSummary("Publish a draft assessment");
        teacher.MapGet("/courses/{courseId}/modules/{moduleId}", GetModule).Produces<ModuleView>().WithSummary("Read a module (with its ETag)");
        teacher.MapDelete("/courses/{courseId}/modules/{moduleId}", DeleteModule)
            .WithSummary("Delete a module (optional If-Match)");
        return teacher;
    }

    /// <summary>The If-Match header, null when absent or <c>*</c> (any version: the same as none).</summary>
    internal static string? IfMatch(string? header)
    {
        var value = header?.Trim() ?? string.Empty;
        return value.Length == 0 || value == "*" ? null : value;
    }

    private static async Task<IResult> GetCourse(string courseId, HttpContext context, GetCourseHandler handler) =>
        WithETag(context, await handler.HandleAsync(context.GetCaller(), courseId, context.RequestAborted), CourseView.Of);

    private static async Task<IResult> UpdateCourse(
        string courseId, Json<UpdateCourseCommand> body, [FromHeader(Name = "If-Match")] string? ifMatch, HttpContext context, UpdateCourseHandler handler) =>
        WithETag(context, await handler.HandleAsync(context.GetCaller(), courseId, body.Value, IfMatch(ifMatch), context.RequestAborted), CourseView.Of);

    private static async Task<Results<Ok<AssessmentStateView>, ProblemHttpResult>> Unpublish(
        string courseId, string assessmentId, [FromHeader(Name = "If-Match")] string? ifMatch, HttpContext context, SetAssessmentStateHandler handler) =>
        StateResult(context, await handler.UnpublishAsync(context.GetCaller(), courseId, assessmentId, IfMatch(ifMatch), context.RequestAborted));

    private static async Task<Results<Ok<AssessmentStateView>, ProblemHttpResult>> Publish(
        string courseId, string assessmentId, [FromHeader(Name = "If-Match")] string? ifMatch, HttpContext context, SetAssessmentStateHandler handler) =>
        StateResult(context, await handler.PublishAsync(context.GetCaller(), courseId, assessmentId, IfMatch(ifMatch), context.RequestAborted));

    private static async Task<IResult> GetModule(string courseId, string moduleId, HttpContext context, GetModuleHandler handler) =>
        WithETag(context, await handler.HandleAsync(context.GetCaller(), courseId, moduleId, context.RequestAborted), ToView);

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteModule(
        string courseId, string moduleId, [FromHeader(Name = "If-Match")] string? ifMatch, HttpContext context, DeleteModuleHandler handler)
    {
        var outcome = await handler.HandleAsync(context.GetCaller(), courseId, moduleId, IfMatch(ifMatch), context.RequestAborted);
        return outcome.Problem is { } problem ? Problems.Of(problem) : TypedResults.NoContent();
    }

    internal static ModuleView ToView(ModuleRecord m) => new(m.ModuleId, m.Title, m.Position, m.Items);

    private static Results<Ok<AssessmentStateView>, ProblemHttpResult> StateResult(HttpContext context, Outcome<TeacherAssessment> outcome)
    {
        if (outcome.Problem is { } problem)
        {
            return Problems.Of(problem);
        }

        var r = outcome.Value!.Record;
        context.Response.Headers.ETag = outcome.Value.ETag;
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new AssessmentStateView(r.Id, r.CourseId, r.Assessment.Title, r.IsPublished(), r.Version));
    }

    internal static IResult WithETag<T, TView>(HttpContext context, Outcome<Versioned<T>> outcome, Func<T, TView> view)
        where TView : class
    {
        if (outcome.Problem is { } problem)
        {
            return Problems.Of(problem);
        }

        context.Response.Headers.ETag = outcome.Value!.ETag;
        context.Response.Headers.CacheControl = "no-store";
        return outcome.Created ? TypedResults.Created((string?)null, view(outcome.Value.Value)) : TypedResults.Ok(view(outcome.Value.Value));
    }
}
