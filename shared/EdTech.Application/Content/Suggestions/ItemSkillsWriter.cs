using System.Text.Json;
using EdTech.Application.Assessments;
using EdTech.Application.Audit;
using EdTech.Application.Outbox;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;
using Microsoft.Extensions.Logging;

namespace EdTech.Application.Content.Suggestions;

/// <summary>The version an accept wrote (or found): <see cref="Changed"/> false when the items already had those skills.</summary>
public sealed record AppliedSkills(int Version, bool Changed, IReadOnlyDictionary<string, IReadOnlyList<string>> PreviousSkills);

/// <summary>
/// Writes accepted skills onto an assessment's items as a new assessment version: version N is frozen first (as an edit
/// with submissions does), then N+1 replaces it conditional on the ETag read, retried on a lost race. Skills are not
/// scoring, so no regrade follows, and the items' content hash is unchanged, so tagging does not start again. Each
/// changed item gets an audit entry (who, when, old and new skills). Idempotent: skills already in place write nothing,
/// so an accept retried after a crash between the write and the suggestion's decision changes nothing twice.
/// </summary>
public sealed partial class ItemSkillsWriter(
    IDocumentStore store, AssessmentLookup lookup, IntegrationEventOutbox events, IAuditLog audit, TimeProvider clock, ILogger<ItemSkillsWriter> logger)
{
    private const int Attempts = 5;

    /// <summary>Null when the assessment is gone or lacks one of the items.</summary>
    public async Task<AppliedSkills?> ApplyAsync(
        TenantId tenant, string assessmentId, IReadOnlyDictionary<string, IReadOnlyList<string>> skillsByItem, string actor, IReadOnlyList<string> actorRoles, string reason, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(skillsByItem);
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var stored = await store.GetAsync<AssessmentRecord>(tenant, assessmentId, ct).ConfigureAwait(false);
            if (stored is null || skillsByItem.Keys.Any(id => stored.Value.Assessment.Items.All(i => i.Id != id)))
            {
                return null;
            }

            var current = stored.Value;
            var previous = current.Assessment.Items.Where(i => skillsByItem.ContainsKey(i.Id)).ToDictionary(i => i.Id, i => i.Skills, StringComparer.Ordinal);
            var changed = previous.Where(p => !p.Value.SequenceEqual(skillsByItem[p.Key], StringComparer.Ordinal)).Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
            if (changed.Count == 0)
            {
                return new AppliedSkills(current.Version, false, previous);
            }

            var now = clock.GetUtcNow();
            await store.ReplaceAsync(tenant, AssessmentVersionRecord.Of(current, now), ifMatch: null, ct).ConfigureAwait(false);
            var next = current with
            {
                Version = current.Version + 1,
                Assessment = current.Assessment with
                {
                    Items = [.. current.Assessment.Items.Select(i => changed.Contains(i.Id) ? i with { Skills = skillsByItem[i.Id] } : i)],
                },
            };
            var published = IntegrationEvents.AssessmentPublished(next, stored.ETag, now);
            await events.HoldAsync(tenant, published, ct).ConfigureAwait(false);
            var (status, written) = await store.ReplaceAsync(tenant, next, stored.ETag, ct).ConfigureAwait(false);
            if (status == WriteStatus.PreconditionFailed || written is null)
            {
                await events.CancelAsync(tenant, published, CancellationToken.None).ConfigureAwait(false);
                continue;
            }

            await events.ReleaseAsync(tenant, published, ct).ConfigureAwait(false);
            lookup.Forget(tenant, assessmentId);
            foreach (var itemId in changed.Order(StringComparer.Ordinal))
            {
                await audit.AppendAsync(tenant, new AuditEntry(
                    $"item-skills:{assessmentId}:{itemId}:v{next.Version}", now, actor, actorRoles, AuditActions.ItemSkillsChanged,
                    SubjectOf(assessmentId, itemId), $"assessments/{assessmentId}/items/{itemId}",
                    JsonSerializer.Serialize(previous[itemId]), JsonSerializer.Serialize(skillsByItem[itemId]), reason), ct).ConfigureAwait(false);
            }

            LogApplied(logger, actor, assessmentId, tenant.Value, next.Version, changed.Count);
            return new AppliedSkills(next.Version, true, previous);
        }

        throw new InvalidOperationException($"Assessment {assessmentId} kept changing while accepted skills were written.");
    }

    /// <summary>The audit subject of an item: ':' never occurs in user ids, so it cannot be taken for a student's partition.</summary>
    public static string SubjectOf(string assessmentId, string itemId) => $"item:{assessmentId}:{itemId}";

    [LoggerMessage(Level = LogLevel.Information, Message = "{Actor} accepted skills for {Count} items of {AssessmentId} in {TenantId}: version {Version}")]
    private static partial void LogApplied(ILogger logger, string actor, string assessmentId, string tenantId, int version, int count);
}
