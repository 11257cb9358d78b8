using EdTech.Application.Privacy;
using EdTech.Application.Privacy.Erasure;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Outbox;

/// <summary>
/// Keeps the outbox relay from leaving a message about an erased student in what the outbox adapter keeps
/// (<see cref="IOutboxArchive"/>: the LocalHost's log files). Before publishing, messages whose student is erased are skipped.
/// After publishing, the students are checked again and, for any erased meanwhile, the adapter forgets them: the erasure writes
/// its marker before it calls <see cref="IOutboxArchive.ForgetSubjectAsync"/>, so either that call comes after this publish (and
/// removes its lines), or this check sees the marker and removes them. A broker (Service Bus) keeps nothing once delivered; what a
/// subscriber already received is the subscriber's to erase (docs/integration-events.md).
/// </summary>
public sealed class OutboxErasure(ErasureMarkers markers, IOutboxArchive archive)
{
    /// <summary>
    /// The student a stored outbox record of type <typeparamref name="T"/> in <paramref name="partition"/> is about, if any, from
    /// its JSON as stored (a change's: a record keeps its student across versions), so nothing is serialized again to find it.
    /// </summary>
    public static string? SubjectOf<T>(string partition, string json)
        where T : class, IStoredRecord =>
        StudentData.SubjectOf(T.Container, partition, json);

    public async Task<IReadOnlyList<TItem>> WithoutErasedAsync<TItem>(IReadOnlyList<TItem> items, Func<TItem, (TenantId Tenant, string? Subject)> subjectOf, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(subjectOf);
        var erased = await ErasedAsync(items.Select(subjectOf), ct).ConfigureAwait(false);
        return items.Where(i => !erased.Contains(subjectOf(i))).ToList();
    }

    public async Task ForgetErasedAsync(IEnumerable<(TenantId Tenant, string? Subject)> subjects, CancellationToken ct)
    {
        foreach (var (tenant, subject) in await ErasedAsync(subjects, CancellationToken.None).ConfigureAwait(false))
        {
            await archive.ForgetSubjectAsync(tenant, subject!, ct).ConfigureAwait(false);
        }
    }

    private async Task<HashSet<(TenantId, string?)>> ErasedAsync(IEnumerable<(TenantId Tenant, string? Subject)> subjects, CancellationToken ct)
    {
        var erased = new HashSet<(TenantId, string?)>();
        foreach (var (tenant, subject) in subjects.Where(s => s.Subject is { Length: > 0 }).Distinct())
        {
            if (await markers.IsErasedAsync(tenant, subject!, ct).ConfigureAwait(false))
            {
                erased.Add((tenant, subject));
            }
        }

        return erased;
    }
}
