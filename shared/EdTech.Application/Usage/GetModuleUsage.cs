using EdTech.Application.Common;
using EdTech.Application.Records;
using EdTech.Application.Records.Views;
using EdTech.Application.Storage;
using EdTech.Domain.Usage;

namespace EdTech.Application.Usage;

/// <summary>One module's funnel: <c>started = completed + inProgress + droppedOff</c> (definitions: <see cref="ModuleDropOff"/>).</summary>
public sealed record ModuleUsageView(string ModuleId, string Title, int Position, int Started, int Completed, int InProgress, int DroppedOff);

/// <summary>GET …/courses/{courseId}/analytics/usage/modules: the course's modules in order, as of <see cref="AsOf"/>.</summary>
public sealed record ModuleUsage(string CourseId, DateTimeOffset AsOf, int InactiveDays, IReadOnlyList<ModuleUsageView> Modules);

/// <summary>
/// Drop-off per module from the projection's per-student module progress (<see cref="UsageModuleProgressRecord"/>): two
/// single-partition queries (the course's modules and its students' progress), no raw events. Counts only, course-wide (no
/// section split, so nothing to hide). Progress on a module the course no longer has is left out.
/// </summary>
public sealed class GetModuleUsageHandler(IDocumentStore store, TimeProvider clock)
{
    public async Task<Outcome<ModuleUsage>> HandleAsync(Caller caller, string courseId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (await store.GetAsync<CourseRecord>(caller.Tenant, courseId, courseId, ct).ConfigureAwait(false) is null)
        {
            return Problem.NotFound("course");
        }

        var modules = (await store.QueryAsync<ModuleRecord>(caller.Tenant, DocumentQuery.InPartition(courseId), ct).ConfigureAwait(false))
            .Select(m => m.Value).OrderBy(m => m.Position).ThenBy(m => m.ModuleId, StringComparer.Ordinal).ToList();
        var progress = (await store.QueryAsync<UsageModuleProgressRecord>(caller.Tenant, DocumentQuery.InPartition(courseId), ct).ConfigureAwait(false))
            .Select(p => p.Value).ToList();
        var now = clock.GetUtcNow();
        var views = modules.Select(m =>
        {
            var items = m.Items.Select(i => i.Id).ToList();
            var students = progress.Select(p => p.Modules.GetValueOrDefault(m.ModuleId)).OfType<ModuleProgress>().Select(p => p.Activity);
            var funnel = ModuleDropOff.Count(items, students, now);
            return new ModuleUsageView(m.ModuleId, m.Title, m.Position, funnel.Started, funnel.Completed, funnel.InProgress, funnel.DroppedOff);
        }).ToList();
        return Outcome<ModuleUsage>.Ok(new ModuleUsage(courseId, now, (int)ModuleDropOff.InactiveAfter.TotalDays, views));
    }
}
