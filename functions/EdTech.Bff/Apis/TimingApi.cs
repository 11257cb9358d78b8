using EdTech.Application.Common;
using EdTech.Application.Timing;
using EdTech.Bff.Http;
using EdTech.Bff.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

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
            .WithSummary("Start an attempt (server time), or get the one still running").Produces<AttemptView>(StatusCodes.Status201Created).Produces<AttemptView>();
        api.MapGet("/assessments/{assessmentId}/attempts/{attemptId}", GetAttempt).WithName("student_GetAttempt")
            .WithSummary("Read an attempt and its last draft").Produces<AttemptView>();
        api.MapPut("/assessments/{assessmentId}/attempts/{attemptId}/draft", SaveDraft).WithName("student_SaveAttemptDraft")
            .WithSummary("Autosave the attempt's draft (last write wins by sequence number)").Accepts<SaveDraftCommand>("application/json").Produces<DraftSaved>();
        return api;
    }

    private static RouteGroupBuilder MapAccommodations(RouteGroupBuilder api, string role)
    {
        api.MapGet(Accommodation, GetAccommodation).WithName(role + "_GetAccommodation")
            .WithSummary("Read a student's accommodations in the course (extra time, extensions)").Produces<AccommodationView>();
        api.MapPut(Accommodation, SetAccommodation).WithName(role + "_SetAccommodation")
            .WithSummary("Set a student's accommodations in the course (replaces them; audited)").Accepts<SetAccommodationCommand>("application/json").Produces<AccommodationView>();
        api.MapDelete(Accommodation, ClearAccommodation).WithName(role + "_ClearAccommodation")
            .WithSummary("Remove a student's accommodations in the course (audited)").Produces(StatusCodes.Status204NoContent);
        return api;
    }

    private static async Task<IResult> GetAccommodation(string courseId, string userId, HttpContext context, AccommodationsHandler handler) =>
        WithETag(context, await handler.GetAsync(context.GetCaller(), courseId, userId, context.RequestAborted));

    private static async Task<IResult> SetAccommodation(string courseId, string userId, HttpRequest request, AccommodationsHandler handler)
    {
        var (body, error) = await JsonBody.ReadAsync<SetAccommodationCommand>(request);
        if (error is not null)
        {
            return error;
        }

        var outcome = await handler.SetAsync(request.HttpContext.GetCaller(), courseId, userId, body!, IfMatch(request), request.HttpContext.RequestAborted);
        return WithETag(request.HttpContext, outcome);
    }

    private static async Task<IResult> ClearAccommodation(string courseId, string userId, HttpRequest request, AccommodationsHandler handler)
    {
        var outcome = await handler.ClearAsync(request.HttpContext.GetCaller(), courseId, userId, IfMatch(request), request.HttpContext.RequestAborted);
        return outcome.Problem is { } problem ? Problems.Of(problem) : TypedResults.NoContent();
    }

    private static async Task<IResult> StartAttempt(string assessmentId, HttpContext context, StartAttemptHandler handler) =>
        OutcomeResults.Created(await handler.HandleAsync(context.GetCaller(), assessmentId, context.RequestAborted),
            a => a, a => $"/api/student/assessments/{a.AssessmentId}/attempts/{a.AttemptId}");

    private static async Task<IResult> GetAttempt(string assessmentId, string attemptId, HttpContext context, GetAttemptHandler handler)
    {
        context.Response.Headers.CacheControl = "no-store";
        return OutcomeResults.Ok(await handler.HandleAsync(context.GetCaller(), assessmentId, attemptId, context.RequestAborted));
    }

    private static async Task<IResult> SaveDraft(string assessmentId, string attemptId, HttpRequest request, SaveDraftHandler handler)
    {
        var (body, error) = await JsonBody.ReadAsync<SaveDraftCommand>(request, MaxDraftBytes);
        return error ?? OutcomeResults.Ok(await handler.HandleAsync(request.HttpContext.GetCaller(), assessmentId, attemptId, body!, request.HttpContext.RequestAborted));
    }

    private static string? IfMatch(HttpRequest request) => request.Headers[HeaderNames.IfMatch].ToString() is { Length: > 0 } value ? value.Trim() : null;

    private static IResult WithETag(HttpContext context, Outcome<AccommodationResult> outcome)
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
