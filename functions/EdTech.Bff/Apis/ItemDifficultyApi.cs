using EdTech.Application.Content.Difficulty;
using EdTech.Bff.Http;
using EdTech.Bff.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace EdTech.Bff.Apis;

/// <summary>An item's difficulty that learns from responses, for content authors (contract) and teachers of its course (an addition).</summary>
public static class ItemDifficultyApi
{
    public static RouteGroupBuilder MapContentItemDifficulty(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapRoleGroup("content");
        api.MapGet("/items/{assessmentId}/{itemId}/difficulty", ForContent);
        return api;
    }

    public static RouteGroupBuilder MapTeacherItemDifficulty(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapRoleGroup("teacher");
        api.MapGet("/assessments/{assessmentId}/items/{itemId}/difficulty", ForTeacher);
        return api;
    }

    private static async Task<Results<Ok<ItemDifficultyView>, ProblemHttpResult>> ForContent(string assessmentId, string itemId, HttpContext context, GetItemDifficultyHandler handler)
    {
        context.Response.Headers.CacheControl = "no-store";
        return OutcomeResults.Ok(await handler.ForContentAsync(context.GetCaller(), assessmentId, itemId, context.RequestAborted));
    }

    private static async Task<Results<Ok<ItemDifficultyView>, ProblemHttpResult>> ForTeacher(string assessmentId, string itemId, HttpContext context, GetItemDifficultyHandler handler)
    {
        context.Response.Headers.CacheControl = "no-store";
        return OutcomeResults.Ok(await handler.ForTeacherAsync(context.GetCaller(), assessmentId, itemId, context.RequestAborted));
    }
}
