using EdTech.Application.Assessments;
using EdTech.Application.Dashboard;
using EdTech.Application.Submissions;
using EdTech.Application.Usage;
using EdTech.Bff.Http;
using EdTech.Bff.Limits;
using EdTech.Bff.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EdTech.Bff.Apis;

public static class StudentApi
{
    public static RouteGroupBuilder MapStudentApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/student").FromAccessTable().WithGroupName("student").WithTags("student");
        api.MapGet("/dashboard", GetDashboard).Produces<StudentDashboard>();
        api.MapGet("/assessments/{assessmentId}", GetAssessment).Produces<StudentAssessmentView>().WithSummary("Read an assessment to attempt (no answer keys)");
        api.MapPost("/assessments/{assessmentId}/submissions", Submit).WithSummary("Submit an attempt; 202 once durably stored, graded in the background").Accepts<SubmitAttemptCommand>("application/json").Produces<SubmissionAccepted>(StatusCodes.Status202Accepted)
            .RequireRateLimiting(RateLimitPartitions.SubmitPolicy);
        api.MapGet("/submissions/{submissionId}", GetSubmission).Produces<StudentSubmissionView>().WithSummary("Read one of your submissions: status, and scores once released");
        api.MapPost("/events", RecordEvents).Accepts<RecordUsageEventsCommand>("application/json").Produces<UsageEventsAccepted>(StatusCodes.Status202Accepted);
        api.MapStudentModulesApi();
        api.MapStudentLearning();
        api.MapStudentLists();
        api.MapStudentAttempts();
        return api;
    }

    private static async Task<IResult> GetDashboard(HttpContext context, GetStudentDashboardHandler handler) =>
        TypedResults.Ok(await handler.HandleAsync(context.GetCaller(), context.RequestAborted));

    private static async Task<IResult> GetAssessment(string assessmentId, HttpContext context, GetStudentAssessmentHandler handler) =>
        OutcomeResults.Ok(await handler.HandleAsync(context.GetCaller(), assessmentId, context.RequestAborted));

    private static async Task<IResult> Submit(string assessmentId, HttpRequest request, SubmitAttemptHandler handler)
    {
        var (body, error) = await JsonBody.ReadAsync<SubmitAttemptCommand>(request);
        if (error is not null)
        {
            return error;
        }

        var key = request.Headers["Idempotency-Key"].ToString();
        var outcome = await handler.HandleAsync(request.HttpContext.GetCaller(), assessmentId, body!, key.Length == 0 ? null : key, request.HttpContext.RequestAborted);
        return outcome.Problem is { } problem
            ? Problems.Of(problem)
            : TypedResults.Accepted($"/api/student/submissions/{outcome.Value!.SubmissionId}", outcome.Value);
    }

    /// <summary>A batch of up to 500 events of up to ~1 KB each (ids and object ids are at most 128 characters each).</summary>
    private const int MaxEventsBodyBytes = 512 * 1024;

    private static async Task<IResult> RecordEvents(HttpRequest request, RecordUsageEventsHandler handler)
    {
        var (body, error) = await JsonBody.ReadAsync<RecordUsageEventsCommand>(request, MaxEventsBodyBytes);
        if (error is not null)
        {
            return error;
        }

        var outcome = await handler.HandleAsync(request.HttpContext.GetCaller(), body!, request.HttpContext.RequestAborted);
        return outcome.Problem is { } problem ? Problems.Of(problem) : TypedResults.Accepted((string?)null, outcome.Value);
    }

    private static async Task<IResult> GetSubmission(string submissionId, HttpContext context, GetStudentSubmissionHandler handler) =>
        OutcomeResults.Ok(await handler.HandleAsync(context.GetCaller(), submissionId, context.RequestAborted));
}
