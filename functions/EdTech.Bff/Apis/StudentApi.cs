using EdTech.Application.Assessments;
using EdTech.Application.Dashboard;
using EdTech.Application.Submissions;
using EdTech.Application.Usage;
using EdTech.Bff.Http;
using EdTech.Bff.Limits;
using EdTech.Bff.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace EdTech.Bff.Apis;

public static class StudentApi
{
    /// <summary>A batch of up to 500 events of up to ~1 KB each (ids and object ids are at most 128 characters each).</summary>
    private const int MaxEventsBodyBytes = 512 * 1024;

    public static RouteGroupBuilder MapStudentApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapRoleGroup("student");
        api.MapGet("/dashboard", GetDashboard);
        api.MapGet("/assessments/{assessmentId}", GetAssessment).WithSummary("Read an assessment to attempt (no answer keys)");
        api.MapPost("/assessments/{assessmentId}/submissions", Submit).WithSummary("Submit an attempt; 202 once durably stored, graded in the background")
            .RequireRateLimiting(RateLimitPartitions.SubmitPolicy);
        api.MapGet("/submissions/{submissionId}", GetSubmission).WithSummary("Read one of your submissions: status, and scores once released");
        api.MapPost("/events", RecordEvents);
        return api;
    }

    private static async Task<Ok<StudentDashboard>> GetDashboard(HttpContext context, GetStudentDashboardHandler handler) =>
        TypedResults.Ok(await handler.HandleAsync(context.GetCaller(), context.RequestAborted));

    private static async Task<Results<Ok<StudentAssessmentView>, ProblemHttpResult>> GetAssessment(string assessmentId, HttpContext context, GetStudentAssessmentHandler handler) =>
        OutcomeResults.Ok(await handler.HandleAsync(context.GetCaller(), assessmentId, context.RequestAborted));

    /// <param name="idempotencyKey">A retry with the same key reads the first submission instead of storing a second (docs/submissions.md).</param>
    private static async Task<Results<Accepted<SubmissionAccepted>, ProblemHttpResult>> Submit(
        string assessmentId, Json<SubmitAttemptCommand> body, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, HttpContext context, SubmitAttemptHandler handler) =>
        OutcomeResults.Accepted(
            await handler.HandleAsync(context.GetCaller(), assessmentId, body.Value, string.IsNullOrEmpty(idempotencyKey) ? null : idempotencyKey, context.RequestAborted),
            s => $"/api/student/submissions/{s.SubmissionId}");

    private static async Task<Results<Accepted<UsageEventsAccepted>, ProblemHttpResult>> RecordEvents(
        [BodyLimit(MaxEventsBodyBytes)] Json<RecordUsageEventsCommand> body, HttpContext context, RecordUsageEventsHandler handler) =>
        OutcomeResults.Accepted(await handler.HandleAsync(context.GetCaller(), body.Value, context.RequestAborted));

    private static async Task<Results<Ok<StudentSubmissionView>, ProblemHttpResult>> GetSubmission(string submissionId, HttpContext context, GetStudentSubmissionHandler handler) =>
        OutcomeResults.Ok(await handler.HandleAsync(context.GetCaller(), submissionId, context.RequestAborted));
}
