using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Adaptive;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Learning;

public static class SkillGraphs
{
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> ToMap(IEnumerable<SkillPrerequisite> prerequisites) =>
        prerequisites.GroupBy(p => p.Skill, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.SelectMany(p => p.Requires).Distinct(StringComparer.Ordinal)], StringComparer.Ordinal);

    /// <summary>The course's graph, or an empty one. Stored graphs were validated acyclic when set.</summary>
    public static async Task<SkillGraph> LoadAsync(IDocumentStore store, TenantId tenant, string courseId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);
        var stored = await store.GetAsync<SkillGraphRecord>(tenant, courseId, ct).ConfigureAwait(false);
        return stored is null ? SkillGraph.Empty : new SkillGraph(ToMap(stored.Value.Prerequisites));
    }
}
