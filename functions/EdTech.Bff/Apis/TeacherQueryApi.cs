using EdTech.Application.Assessments.Statistics;
using EdTech.Application.Gradebooks.GradingSchemes;
using EdTech.Bff.Http;
using EdTech.Bff.Security;
using Microsoft.AspNetCore.Http;

namespace EdTech.Bff.Apis;

/// <summary>Teacher grading scheme and assessment statistics (mapped in <see cref="TeacherApi"/>).</summary>
public static class TeacherQueryApi
{
    public static async Task<IResult> PutGradingScheme(string courseId, HttpRequest request, SetGradingSchemeHandler handler)
    {
        var (body, error) = await JsonBody.ReadAsync<SetGradingSchemeCommand>(request);
        if (error is not null)
        {
            return error;
        }

        return OutcomeResults.Ok(await handler.HandleAsync(request.HttpContext.GetCaller(), courseId, body!, request.HttpContext.RequestAborted));
    }

    public static async Task<IResult> GetGradingScheme(string courseId, HttpContext context, GetGradingSchemeHandler handler) =>
        OutcomeResults.Ok(await handler.HandleAsync(context.GetCaller(), courseId, context.RequestAborted));

    public static async Task<IResult> GetStatistics(string assessmentId, HttpContext context, GetAssessmentStatisticsHandler handler) =>
        OutcomeResults.Ok(await handler.HandleAsync(context.GetCaller(), assessmentId, context.RequestAborted));
}
