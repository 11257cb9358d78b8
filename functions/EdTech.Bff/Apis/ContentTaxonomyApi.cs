using EdTech.Application.Common;
using EdTech.Application.Content.Taxonomy;
using EdTech.Bff.Http;
using EdTech.Bff.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace EdTech.Bff.Apis;

/// <summary>The tenant's skill taxonomy (content-author): what the taggers rank items against.</summary>
public static class ContentTaxonomyApi
{
    private const int MaxSkillBytes = 64 * 1024;

    public static RouteGroupBuilder MapContentTaxonomy(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapRoleGroup("content");
        api.MapGet("/taxonomy/skills", ListSkills);
        api.MapGet("/taxonomy/skills/{skillId}", GetSkill);
        api.MapPut("/taxonomy/skills/{skillId}", PutSkill);
        return api;
    }

    private static async Task<Results<Ok<Page<TaxonomySkillView>>, ProblemHttpResult>> ListSkills([FromQuery] string? limit, [FromQuery] string? next, HttpContext context, ListTaxonomySkillsHandler handler) =>
        OutcomeResults.Ok(await handler.HandleAsync(context.GetCaller(), limit, next, context.RequestAborted));

    private static async Task<Results<Ok<TaxonomySkillView>, ProblemHttpResult>> GetSkill(string skillId, HttpContext context, GetTaxonomySkillHandler handler) =>
        OutcomeResults.Ok(await handler.HandleAsync(context.GetCaller(), skillId, context.RequestAborted));

    private static async Task<Results<Created<TaxonomySkillView>, Ok<TaxonomySkillView>, ProblemHttpResult>> PutSkill(
        string skillId, [BodyLimit(MaxSkillBytes)] Json<PutTaxonomySkillCommand> body, HttpContext context, PutTaxonomySkillHandler handler) =>
        OutcomeResults.Created(await handler.HandleAsync(context.GetCaller(), skillId, body.Value, context.RequestAborted), v => v, v => $"/api/content/taxonomy/skills/{v.SkillId}");
}
