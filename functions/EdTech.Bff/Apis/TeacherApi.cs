using EdTech.Application.Assessments;
using EdTech.Application.Assessments.Lifecycle;
using EdTech.Application.Assessments.Statistics;
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
using Microsoft.AspNetCore.Routing;

namespace EdTech.Bff.Apis;

public static class TeacherApi
{
    /// <summary>Assessments carry up to 200 items with prompts; allow more than the default body size.</summary>
    internal const int MaxAssessmentBytes = 1024 * 1024;

    public static RouteGroupBuilder MapTeacherApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/teacher").FromAccessTable().WithGroupName("teacher").WithTags("teacher");
        api.MapPost("/courses/{courseId}/assessments", CreateAssessment).Accepts<CreateAssessmentCommand>("application/json");
        api.MapGet("/courses/{courseId}/assessments/{assessmentId}", TeacherAssessmentApi.Get);
        api.MapPut("/courses/{courseId}/assessments/{assessmentId}", TeacherAssessmentApi.Update).Accepts<CreateAssessmentCommand>("application/json");
        api.MapGet("/courses/{courseId}/gradebook", GetGradebook).Produces<Gradebook>().WithSummary("Read the course gradebook");
        api.MapPut("/courses/{courseId}/grading-scheme", TeacherQueryApi.PutGradingScheme).Accepts<SetGradingSchemeCommand>("application/json").Produces<GradingSchemeView>();
        api.MapGet("/courses/{courseId}/grading-scheme", TeacherQueryApi.GetGradingScheme).Produces<GradingSchemeView>();
        api.MapGet("/assessments/{assessmentId}/statistics", TeacherQueryApi.GetStatistics).Produces<AssessmentStatistics>();
        api.MapGet("/submissions/{submissionId}", TeacherReviewApi.GetSubmission).Produces<TeacherSubmissionView>();
        api.MapGet("/review-queue", TeacherReviewApi.GetReviewQueue).Produces<ReviewQueue>();
        api.MapPost("/submissions/{submissionId}/grades", TeacherReviewApi.Grade).WithSummary("Grade a submission (manual items, overrides)").Accepts<GradeSubmissionCommand>("application/json").Produces<TeacherSubmissionView>();
        api.MapPost("/assessments/{assessmentId}/release", Release).Produces<ReleaseAccepted>(StatusCodes.Status202Accepted);
        api.MapTeacherModulesApi();
        api.MapTeacherLifecycleApi();
        api.MapTeacherLearning();
        api.MapTeacherAnalytics();
        api.MapTeacherItemDifficulty();
        api.MapTeacherLists();
        api.MapTeacherRoster();
        api.MapTeacherRubrics();
        api.MapTeacherAccommodations();
        return api;
    }

    private static async Task<IResult> CreateAssessment(string courseId, HttpRequest request, CreateAssessmentHandler handler)
    {
        var (body, error) = await JsonBody.ReadAsync<CreateAssessmentCommand>(request, MaxAssessmentBytes);
        if (error is not null)
        {
            return error;
        }

        var outcome = await handler.HandleAsync(request.HttpContext.GetCaller(), body! with { CourseId = courseId }, request.HttpContext.RequestAborted);
        return OutcomeResults.Created(outcome, ToTeacherView, a => $"/api/teacher/assessments/{a.Id}");
    }

    private static async Task<IResult> GetGradebook(string courseId, HttpContext context, GetGradebookHandler handler) =>
        OutcomeResults.Ok(await handler.HandleAsync(context.GetCaller(), courseId, context.RequestAborted));

    private static async Task<IResult> Release(string assessmentId, HttpContext context, ReleaseAssessmentHandler handler)
    {
        var outcome = await handler.HandleAsync(context.GetCaller(), assessmentId, context.RequestAborted);
        return outcome.Problem is { } problem ? Problems.Of(problem) : TypedResults.Accepted((string?)null, outcome.Value);
    }

    private static object ToTeacherView(AssessmentRecord r) => ToTeacherView(r, regrading: null);

    /// <param name="regrading">Only on an edit's answer: whether it started a regrade of existing submissions.</param>
    internal static object ToTeacherView(AssessmentRecord r, bool? regrading)
    {
        var a = r.Assessment;
        return new
        {
            a.Id, a.CourseId, a.Title, a.DueAt, a.GraceSeconds, a.MaxAttempts, a.LatePolicy, a.Release, a.Category, a.MaxScore, r.Version, Regrading = regrading,
            Published = r.IsPublished(),
            Items = a.Items.Select(i => new { i.Id, i.Type, i.Prompt, i.Choices, i.Answer, i.Tolerance, i.Points, i.Skills, i.Options, i.RubricId }),
            a.TimeLimitSeconds, a.OverTime,
        };
    }
}
