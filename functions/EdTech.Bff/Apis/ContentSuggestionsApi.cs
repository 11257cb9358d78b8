using EdTech.Application.Content.Suggestions;
using EdTech.Application.Common;
using EdTech.Bff.Http;
using EdTech.Bff.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace EdTech.Bff.Apis;

/// <summary>Tagging suggestions waiting for a content author: list, accept (optionally edited), reject, accept all above a confidence.</summary>
public static class ContentSuggestionsApi
{
    private const int MaxBodyBytes = 16 * 1024;

    public static RouteGroupBuilder MapContentSuggestions(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapRoleGroup("content");
        api.MapGet("/suggestions", List);
        api.MapPost("/suggestions/accept", AcceptAll);
        api.MapPost("/suggestions/{assessmentId}/{itemId}/accept", Accept).Accepts<AcceptSuggestionCommand>("application/json").Produces<SuggestionView>();
        api.MapPost("/suggestions/{assessmentId}/{itemId}/reject", Reject);
        return api;
    }

    private static async Task<Results<Ok<Page<SuggestionView>>, ProblemHttpResult>> List(
        [FromQuery] string? courseId, [FromQuery] string? status, [FromQuery] string? assessmentId, [FromQuery] string? itemId, [FromQuery] string? limit, [FromQuery] string? next,
        HttpContext context, ListSuggestionsHandler handler)
    {
        context.Response.Headers.CacheControl = "no-store";
        return OutcomeResults.Ok(await handler.HandleAsync(context.GetCaller(), new ListSuggestionsQuery(courseId, status, assessmentId, limit, next, itemId), context.RequestAborted));
    }

    private static async Task<IResult> Accept(string assessmentId, string itemId, HttpRequest request, DecideSuggestionHandler handler)
    {
        // The body is optional: without one the suggested skills are accepted as they are.
        var command = new AcceptSuggestionCommand(null);
        if (request.ContentLength > 0 || request.ContentType is not null)
        {
            var (body, error) = await JsonBody.ReadAsync<AcceptSuggestionCommand>(request, MaxBodyBytes);
            if (error is not null)
            {
                return error;
            }

            command = body!;
        }

        return OutcomeResults.Ok(await handler.AcceptAsync(request.HttpContext.GetCaller(), assessmentId, itemId, command, request.HttpContext.RequestAborted));
    }

    private static async Task<Results<Ok<SuggestionView>, ProblemHttpResult>> Reject(string assessmentId, string itemId, HttpContext context, DecideSuggestionHandler handler) =>
        OutcomeResults.Ok(await handler.RejectAsync(context.GetCaller(), assessmentId, itemId, context.RequestAborted));

    private static async Task<Results<Ok<AcceptAllResult>, ProblemHttpResult>> AcceptAll([BodyLimit(MaxBodyBytes)] Json<AcceptAllSuggestionsCommand> body, HttpContext context, AcceptSuggestionsAbove handler) =>
        OutcomeResults.Ok(await handler.HandleAsync(context.GetCaller(), body.Value, context.RequestAborted));
}
