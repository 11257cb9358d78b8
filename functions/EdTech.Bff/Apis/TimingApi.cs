using EdTech.Application.Common;
using EdTech.Application.Timing;
using EdTech.Bff.Http;
using EdTech.Bff.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace EdTech.Bff.Apis;

/// <summary>
/// Accommodations and timed attempts (docs/timing.md, additions to API.md): the course's teacher or a tenant admin sets a
/// student's extra time and extensions (ETag / If-Match); a student starts an attempt, autosaves drafts and reads the attempt.
/// </summary>
public static class TimingApi
{
    private const string Accommodation = "/courses/{courseId}/accommodations/{userId}";

    /// <summary>Drafts carry every answer (essays included), like a submit body.</summary>
    private const int MaxDraftBytes = 1024 * 1024;

    public static RouteGroupBuilder MapTeacherAccommodations(this IEndpointRouteBuilder routes) => MapAccommodations(routes.MapRoleGroup("teacher"), "teacher");

    public static RouteGroupBuilder MapAdminAccommodations(this IEndpointRouteBuilder routes) => MapAccommodations(routes.MapRoleGroup("admin"), "admin");

    public static RouteGroupBuilder MapStudentAttempts(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapRoleGroup("student");
        api.MapPost("/assessments/{assessmentId}/attempts", StartAttempt).WithName("student_StartAttempt")
            .WithSummary("Start an attempt (server time), or get the one still running");
        api.MapGet("/assessments/{assessmentId}/attempts/{attemptId}", GetAttempt).WithName("student_GetAttempt")
            .WithSummary("Read an attempt and its last draft");
        api.MapPut("/assessments/{assessmentId}/attempts/{attemptId}/draft", SaveDraft).WithName("student_SaveAttemptDraft")
            .WithSummary("Autosave the attempt's draft (last write wins by sequence number)");
        return api;
    }

    private static RouteGroupBuilder MapAccommodations(RouteGroupBuilder api, string role)
    {
        api.MapGet(Accommodation, GetAccommodation).WithName(role + "_GetAccommodation")
            .WithSummary("Read a student's accommodations in the course (extra time, extensions)");
        api.MapPut(Accommodation, SetAccommodation).WithName(role + "_SetAccommodation")
            .WithSummary("Set a student's accommodations in the course (replaces them; audited)");
        api.MapDelete(Accommodation, ClearAccommodation).WithName(role + "_ClearAccommodation")
            .WithSummary("Remove a student's accommodations in the course (audited)");
        return api;
    }

    private static async Task<Results<Ok<AccommodationView>, ProblemHttpResult>> GetAccommodation(
        string courseId, string userId, HttpContext context, AccommodationsHandler handler) =>
        WithETag(context, await handler.GetAsync(context.GetCaller(), courseId, userId, context.RequestAborted));

    private static async Task<Results<Ok<AccommodationView>, ProblemHttpResult>> SetAccommodation(
        string courseId, string userId, Json<SetAccommodationCommand> body, [FromHeader(Name = "If-Match")] string? ifMatch, HttpContext context, AccommodationsHandler handler) =>
        WithETag(context, await handler.SetAsync(context.GetCaller(), courseId, userId, body.Value, Tag(ifMatch), context.RequestAborted));

    private static async Task<Results<NoContent, ProblemHttpResult>> ClearAccommodation(
        string courseId, string userId, [FromHeader(Name = "If-Match")] string? ifMatch, HttpContext context, AccommodationsHandler handler)
    {
        var outcome = await handler.ClearAsync(context.GetCaller(), courseId, userId, Tag(ifMatch), context.RequestAborted);
        return outcome.Problem is { } problem ? Problems.Of(problem) : TypedResults.NoContent();
    }

    private static async Task<Results<Created<AttemptView>, Ok<AttemptView>, ProblemHttpResult>> StartAttempt(string assessmentId, HttpContext context, StartAttemptHandler handler) =>
        OutcomeResults.Created(await handler.HandleAsync(context.GetCaller(), assessmentId, context.RequestAborted),
            a => a, a => $"/api/student/assessments/{a.AssessmentId}/attempts/{a.AttemptId}");

    private static async Task<Results<Ok<AttemptView>, ProblemHttpResult>> GetAttempt(string assessmentId, string attemptId, HttpContext context, GetAttemptHandler handler)
    {
        context.Response.Headers.CacheControl = "no-store";
        return OutcomeResults.Ok(await handler.HandleAsync(context.GetCaller(), assessmentId, attemptId, context.RequestAborted));
    }

    private static async Task<Results<Ok<DraftSaved>, ProblemHttpResult>> SaveDraft(
        string assessmentId, string attemptId, [BodyLimit(MaxDraftBytes)] Json<SaveDraftCommand> body, HttpContext context, SaveDraftHandler handler) =>
        OutcomeResults.Ok(await handler.HandleAsync(context.GetCaller(), assessmentId, attemptId, body.Value, context.RequestAborted));

    /// <summary>The If-Match header as sent (trimmed), null when absent or empty.</summary>
    private static string? Tag(string? ifMatch) => ifMatch is { Length: > 0 } value ? value.Trim() : null;

    private static Results<Ok<AccommodationView>, ProblemHttpResult> WithETag(HttpContext context, Outcome<AccommodationResult> outcome)
    {
        if (outcome.Problem is { } problem)
        {
            return Problems.Of(problem);
        }

        context.Response.Headers.ETag = outcome.Value!.ETag;
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(outcome.Value.View);
    }
}
