using EdTech.Application.Assessments.Statistics;
using EdTech.Application.Gradebooks.GradingSchemes;
using EdTech.Bff.Http;
using EdTech.Bff.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace EdTech.Bff.Apis;

/// <summary>Teacher grading scheme and assessment statistics.</summary>
public static class TeacherQueryApi
{
    public static RouteGroupBuilder MapTeacherQueryApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapRoleGroup("teacher");
        api.MapPut("/courses/{courseId}/grading-scheme", PutGradingScheme);
        api.MapGet("/courses/{courseId}/grading-scheme", GetGradingScheme);
        api.MapGet("/assessments/{assessmentId}/statistics", GetStatistics);
        return api;
    }

    private static async Task<Results<Ok<GradingSchemeView>, ProblemHttpResult>> PutGradingScheme(
        string courseId, Json<SetGradingSchemeCommand> body, HttpContext context, SetGradingSchemeHandler handler) =>
        OutcomeResults.Ok(await handler.HandleAsync(context.GetCaller(), courseId, body.Value, context.RequestAborted));

    private static async Task<Results<Ok<GradingSchemeView>, ProblemHttpResult>> GetGradingScheme(string courseId, HttpContext context, GetGradingSchemeHandler handler) =>
        OutcomeResults.Ok(await handler.HandleAsync(context.GetCaller(), courseId, context.RequestAborted));

    private static async Task<Results<Ok<AssessmentStatistics>, ProblemHttpResult>> GetStatistics(string assessmentId, HttpContext context, GetAssessmentStatisticsHandler handler) =>
        OutcomeResults.Ok(await handler.HandleAsync(context.GetCaller(), assessmentId, context.RequestAborted));
}
