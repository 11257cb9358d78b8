using EdTech.Application.Learning;
using EdTech.Bff.Http;
using EdTech.Bff.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EdTech.Bff.Apis;

/// <summary>Adaptive-learning routes (recommendations, item ratings, skill graph, flagged items), mapped into each role's group.</summary>
public static class LearningApi
{
    private const int MaxRatingBytes = 16 * 1024;

    public static RouteGroupBuilder MapStudentLearning(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapRoleGroup("student");
        api.MapGet("/recommendations", GetRecommendations).Produces<StudentRecommendations>();
        api.MapPost("/items/{itemId}/ratings", RateItem).Accepts<RateItemCommand>("application/json").Produces<ItemRatingView>();
        return api;
    }

    public static RouteGroupBuilder MapTeacherLearning(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapRoleGroup("teacher");
        api.MapPut("/courses/{courseId}/skill-graph", SetSkillGraph).Accepts<SetSkillGraphCommand>("application/json").Produces<SkillGraphView>();
        api.MapGet("/courses/{courseId}/flagged-items", GetCourseFlaggedItems).Produces<FlaggedItems>();
        return api;
    }

    public static RouteGroupBuilder MapContentLearning(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapRoleGroup("content");
        api.MapGet("/flagged-items", GetTenantFlaggedItems).Produces<FlaggedItems>();
        return api;
    }

    private static async Task<IResult> GetRecommendations(HttpContext context, GetRecommendationsHandler handler) =>
        TypedResults.Ok(await handler.HandleAsync(context.GetCaller(), context.RequestAborted));

    private static async Task<IResult> RateItem(string itemId, HttpRequest request, RateItemHandler handler)
    {
        var (body, error) = await JsonBody.ReadAsync<RateItemCommand>(request, MaxRatingBytes);
        return error ?? OutcomeResults.Ok(await handler.HandleAsync(request.HttpContext.GetCaller(), itemId, body!, request.HttpContext.RequestAborted));
    }

    private static async Task<IResult> SetSkillGraph(string courseId, HttpRequest request, SetSkillGraphHandler handler)
    {
        var (body, error) = await JsonBody.ReadAsync<SetSkillGraphCommand>(request);
        return error ?? OutcomeResults.Ok(await handler.HandleAsync(request.HttpContext.GetCaller(), courseId, body!, request.HttpContext.RequestAborted));
    }

    private static async Task<IResult> GetCourseFlaggedItems(string courseId, HttpContext context, GetFlaggedItemsHandler handler) =>
        OutcomeResults.Ok(await handler.ForCourseAsync(context.GetCaller(), courseId, context.RequestAborted));

    private static async Task<IResult> GetTenantFlaggedItems(HttpContext context, GetFlaggedItemsHandler handler) =>
        TypedResults.Ok(await handler.ForTenantAsync(context.GetCaller(), context.RequestAborted));
}
