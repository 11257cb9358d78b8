using EdTech.Application.ChangeFeed;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Assessments;

namespace EdTech.Application.Grading.Release;

/// <summary>
/// Change-feed consumer: every afterDue or scheduled assessment not yet released gets a release timer at its
/// release time (a new one when the time changes; the old one wakes, finds the time moved and does nothing).
/// Immediate results are released when graded, manual ones by the teacher.
/// </summary>
public sealed class ScheduleReleaseOnAssessment(IReleaseTimer timer) : IChangeFeedHandler
{
    public string Name => ChangeFeedCatalog.ScheduleRelease.Name;

    public ChangeFeedUrgency Urgency => ChangeFeedCatalog.ScheduleRelease.Urgency;

    public IReadOnlySet<string> Containers => ChangeFeedCatalog.ScheduleRelease.Containers;

    public async Task HandleAsync(IReadOnlyList<StoredDocument> changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        foreach (var change in KeyedBatch.LatestPerDocument(changes, Storage.Containers.Assessments))
        {
            var record = TypedDocumentStore.Read<AssessmentRecord>(change).Value;
            var at = ReleaseAt(record);
            if (at is not null)
            {
                await timer.ScheduleAsync(change.Tenant, record.Id, at.Value, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>When a timer should release this assessment, or null when no timer is needed.</summary>
    public static DateTimeOffset? ReleaseAt(AssessmentRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var release = record.Assessment.Release;
        return record.ReleasedAt is null && release.Mode is ReleasePolicy.AfterDue or ReleasePolicy.Scheduled
            ? release.ReleaseTime(record.Assessment)
            : null;
    }
}
