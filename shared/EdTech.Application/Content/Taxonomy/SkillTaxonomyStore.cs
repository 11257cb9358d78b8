using EdTech.Application.Common;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;
using Microsoft.Extensions.Logging;

namespace EdTech.Application.Content.Taxonomy;

/// <summary>
/// Reads a tenant's taxonomy, seeding it first when it is empty. Seeding happens on the first access of any kind
/// (the taxonomy routes or a tagging job), so a content author's first look and a tagging job see the same list
/// and a tenant never has to do anything before tagging works; see docs/content-intelligence.md for why.
/// </summary>
public sealed partial class SkillTaxonomyStore(IDocumentStore store, TimeProvider clock, ILogger<SkillTaxonomyStore> logger)
{
    /// <summary>The most skills a tagger ranks; beyond it the rest (by id) are left out and a warning is logged.</summary>
    public const int MaxSkills = 5000;

    private const int PageSize = 200;

    /// <summary>Tenants remembered as seeded at once (a bound, not an expected number); each is re-checked after an hour.</summary>
    public const int MaxSeededTenants = 10_000;

    // Tenants whose taxonomy is known to be non-empty in this process, so the emptiness check is paid once an hour per
    // tenant; bounded and expiring, so a long-running host does not keep every tenant it ever served.
    private readonly ExpiringCache<string> _seeded = new(clock, TimeSpan.FromHours(1), MaxSeededTenants);

    public async Task EnsureSeededAsync(TenantId tenant, CancellationToken ct)
    {
        if (_seeded.Peek(tenant.Value) is not null)
        {
            return;
        }

        var any = await store.QueryAsync<TaxonomySkillRecord>(tenant, new DocumentQuery(TaxonomySkillRecord.Partition, Limit: 1), ct).ConfigureAwait(false);
        if (any.Count > 0 || await TaxonomySeed.SeedAsync(store, tenant, clock.GetUtcNow(), ct).ConfigureAwait(false) > 0)
        {
            _seeded.Put(tenant.Value, tenant.Value);
        }
    }

    /// <summary>One page of skills after <paramref name="afterId"/>, by id.</summary>
    public async Task<IReadOnlyList<TaxonomySkillRecord>> PageAsync(TenantId tenant, int limit, string? afterId, CancellationToken ct)
    {
        await EnsureSeededAsync(tenant, ct).ConfigureAwait(false);
        var page = await store.QueryAsync<TaxonomySkillRecord>(tenant, new DocumentQuery(TaxonomySkillRecord.Partition, Limit: limit, AfterId: afterId), ct).ConfigureAwait(false);
        return [.. page.Select(v => v.Value)];
    }

    /// <summary>The whole taxonomy for a tagger (at most <see cref="MaxSkills"/>), read page by page.</summary>
    public async Task<SkillTaxonomy> LoadAsync(TenantId tenant, CancellationToken ct)
    {
        var skills = new List<TaxonomySkill>();
        string? after = null;
        while (skills.Count < MaxSkills)
        {
            var page = await PageAsync(tenant, Math.Min(PageSize, MaxSkills - skills.Count), after, ct).ConfigureAwait(false);
            skills.AddRange(page.Select(r => new TaxonomySkill(r.Id, r.Name, r.Description, r.Examples)));
            if (page.Count == 0 || page.Count < PageSize)
            {
                return new SkillTaxonomy(tenant, skills);
            }

            after = page[^1].Id;
        }

        LogTruncated(logger, tenant.Value, MaxSkills);
        return new SkillTaxonomy(tenant, skills);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skill taxonomy of {Tenant} has more than {MaxSkills} skills; tagging ranks the first by id")]
    private static partial void LogTruncated(ILogger logger, string tenant, int maxSkills);
}
