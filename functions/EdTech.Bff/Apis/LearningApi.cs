using EdTech.Application.Learning;
using EdTech.Bff.Http;
using EdTech.Bff.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace EdTech.Bff.Apis;

/// <summary>Adaptive-learning routes (recommendations, item ratings, skill graph, flagged items), mapped into each role's group.</summary>
public static class LearningApi
{
    private const int MaxRatingBytes = 16 * 1024;

    public static RouteGroupBuilder MapStudentLearning(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapRoleGroup("student");
        api.MapGet("/recommendations", GetRecommendations);
        api.MapPost("/items/{itemId}/ratings", RateItem);
        return api;
    }

    public static RouteGroupBuilder MapTeacherLearning(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapRoleGroup("teacher");
        api.MapPut("/courses/{courseId}/skill-graph", SetSkillGraph);
        api.MapGet("/courses/{courseId}/flagged-items", GetCourseFlaggedItems);
        return api;
    }

    public static RouteGroupBuilder MapContentLearning(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapRoleGroup("content");
        api.MapGet("/flagged-items", GetTenantFlaggedItems);
        return api;
    }

    private static async Task<Ok<StudentRecommendations>> GetRecommendations(HttpContext context, GetRecommendationsHandler handler) =>
        TypedResults.Ok(await handler.HandleAsync(context.GetCaller(), context.RequestAborted));

    private static async Task<Results<Ok<ItemRatingView>, ProblemHttpResult>> RateItem(string itemId, [BodyLimit(MaxRatingBytes)] Json<RateItemCommand> body, HttpContext context, RateItemHandler handler) =>
        OutcomeResults.Ok(await handler.HandleAsync(context.GetCaller(), itemId, body.Value, context.RequestAborted));

    private static async Task<Results<Ok<SkillGraphView>, ProblemHttpResult>> SetSkillGraph(string courseId, Json<SetSkillGraphCommand> body, HttpContext context, SetSkillGraphHandler handler) =>
        OutcomeResults.Ok(await handler.HandleAsync(context.GetCaller(), courseId, body.Value, context.RequestAborted));

    private static async Task<Results<Ok<FlaggedItems>, ProblemHttpResult>> GetCourseFlaggedItems(string courseId, HttpContext context, GetFlaggedItemsHandler handler) =>
        OutcomeResults.Ok(await handler.ForCourseAsync(context.GetCaller(), courseId, context.RequestAborted));

    private static async Task<Ok<FlaggedItems>> GetTenantFlaggedItems(HttpContext context, GetFlaggedItemsHandler handler) =>
        TypedResults.Ok(await handler.ForTenantAsync(context.GetCaller(), context.RequestAborted));
}
