using EdTech.Application.Assessments;
using EdTech.Application.Assessments.Lifecycle;
using EdTech.Application.Gradebooks;
using EdTech.Application.Gradebooks.GradingSchemes;
using EdTech.Application.Grading.Release;
using EdTech.Application.Grading.Review;
using EdTech.Application.Grading;
using EdTech.Application.Records;
using EdTech.Bff.Http;
using EdTech.Bff.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace EdTech.Bff.Apis;

public static class TeacherApi
{
    /// <summary>Assessments carry up to 200 items with prompts; allow more than the default body size.</summary>
    internal const int MaxAssessmentBytes = 1024 * 1024;

    public static RouteGroupBuilder MapTeacherApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapRoleGroup("teacher");
        api.MapPost("/courses/{courseId}/assessments", CreateAssessment);
        api.MapGet("/courses/{courseId}/gradebook", GetGradebook).WithSummary("Read the course gradebook");
        api.MapPost("/assessments/{assessmentId}/release", Release);
        return api;
    }

    private static async Task<Results<Created<TeacherAssessmentView>, Ok<TeacherAssessmentView>, ProblemHttpResult>> CreateAssessment(
        string courseId, [BodyLimit(MaxAssessmentBytes)] Json<CreateAssessmentCommand> body, HttpContext context, CreateAssessmentHandler handler) =>
        OutcomeResults.Created(
            await handler.HandleAsync(context.GetCaller(), body.Value with { CourseId = courseId }, context.RequestAborted),
            r => TeacherAssessmentView.Of(r), a => $"/api/teacher/assessments/{a.Id}");

    private static async Task<Results<Ok<Gradebook>, ProblemHttpResult>> GetGradebook(string courseId, HttpContext context, GetGradebookHandler handler) =>
        OutcomeResults.Ok(await handler.HandleAsync(context.GetCaller(), courseId, context.RequestAborted));

    private static async Task<Results<Accepted<ReleaseAccepted>, ProblemHttpResult>> Release(string assessmentId, HttpContext context, ReleaseAssessmentHandler handler) =>
        OutcomeResults.Accepted(await handler.HandleAsync(context.GetCaller(), assessmentId, context.RequestAborted));
}
