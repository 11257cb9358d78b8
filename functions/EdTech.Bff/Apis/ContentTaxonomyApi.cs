using EdTech.Application.Common;
using EdTech.Application.Content.Taxonomy;
using EdTech.Bff.Http;
using EdTech.Bff.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
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
        api.MapGet("/taxonomy/skills", ListSkills).Produces<Page<TaxonomySkillView>>();
        api.MapGet("/taxonomy/skills/{skillId}", GetSkill).Produces<TaxonomySkillView>();
        api.MapPut("/taxonomy/skills/{skillId}", PutSkill).Accepts<PutTaxonomySkillCommand>("application/json")
            .Produces<TaxonomySkillView>().Produces<TaxonomySkillView>(StatusCodes.Status201Created);
        return api;
    }

    private static async Task<IResult> ListSkills([FromQuery] string? limit, [FromQuery] string? next, HttpContext context, TaxonomySkillHandlers handler) =>
        OutcomeResults.Ok(await handler.ListAsync(context.GetCaller(), limit, next, context.RequestAborted));

    private static async Task<IResult> GetSkill(string skillId, HttpContext context, TaxonomySkillHandlers handler) =>
        OutcomeResults.Ok(await handler.GetAsync(context.GetCaller(), skillId, context.RequestAborted));

    private static async Task<IResult> PutSkill(string skillId, HttpRequest request, TaxonomySkillHandlers handler)
    {
        var (body, error) = await JsonBody.ReadAsync<PutTaxonomySkillCommand>(request, MaxSkillBytes);
        return error ?? OutcomeResults.Created(
            await handler.PutAsync(request.HttpContext.GetCaller(), skillId, body!, request.HttpContext.RequestAborted),
            v => v,
            v => $"/api/content/taxonomy/skills/{v.SkillId}");
    }
}
