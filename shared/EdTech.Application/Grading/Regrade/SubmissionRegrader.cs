using EdTech.Application.Assessments;
using EdTech.Application.Audit;
using EdTech.Application.Outbox;
using EdTech.Application.Projections;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;
using Microsoft.Extensions.Logging;

namespace EdTech.Application.Grading.Regrade;

/// <summary>One page of an assessment's submissions: the ids after <c>AfterId</c> up to and including <see cref="ThroughId"/>.</summary>
/// <param name="ThroughId">Last id of the page; null when there was nothing after the cursor.</param>
/// <param name="Count">How many submissions the page held (fewer than asked: the last page).</param>
public sealed record RegradePage(string? CourseId, string? ThroughId, int Count);

/// <param name="Seen">Submissions of the assessment in the range.</param>
/// <param name="Regraded">Of those, how many this run rewrote (a re-run finds them at the version and rewrites none).</param>
public sealed record RegradeChunkResult(int Seen, int Regraded);

/// <summary>
/// The I/O behind RegradeAssessment. Pages are keyset ranges of submission ids within the assessment's
/// course partition, so no step ever loads every submission. A chunk reads its range with one query per
/// page, regrades in memory, then appends the audit entries and writes the submissions concurrently (the
/// store group-commits them), each write conditional on the ETag read. A lost race throws so the activity
/// retries; submissions already at the version are skipped, so a retry or re-run writes nothing twice. What a chunk rewrote is
/// then shown in the students' views and the gradebook (<see cref="ResultsShown"/>).
/// </summary>
public sealed class SubmissionRegrader(
    IDocumentStore store, IAuditLog audit, IntegrationEventOutbox events, SubmissionViews views, TimeProvider clock, ILogger<SubmissionRegrader> logger)
{
    public async Task<RegradePage> NextPageAsync(TenantId tenant, string assessmentId, string? afterId, int size, CancellationToken ct)
    {
        var assessment = await store.GetAsync<AssessmentRecord>(tenant, assessmentId, ct).ConfigureAwait(false);
        if (assessment is null)
        {
            return new RegradePage(null, null, 0);
        }

        var page = await QueryAsync(tenant, assessment.Value.CourseId, assessmentId, afterId, size, ct).ConfigureAwait(false);
        return new RegradePage(assessment.Value.CourseId, page.Count == 0 ? null : page[^1].Id, page.Count);
    }

    public async Task<RegradeChunkResult> RegradeRangeAsync(
        TenantId tenant, string courseId, string assessmentId, int version, string? afterId, string throughId, int pageSize, CancellationToken ct)
    {
        var target = await AssessmentVersions.FindAsync(store, tenant, assessmentId, version, ct).ConfigureAwait(false);
        if (target is null)
        {
            logger.LogWarning("Version {Version} of {AssessmentId} in {TenantId} is gone; nothing to regrade", version, assessmentId, tenant);
            return new RegradeChunkResult(0, 0);
        }

        var changes = new List<(SubmissionRecord Before, SubmissionRecord After, string ETag)>();
        var seen = 0;
        var cursor = afterId;
        while (true)
        {
            var page = await QueryAsync(tenant, courseId, assessmentId, cursor, pageSize, ct).ConfigureAwait(false);
            var inRange = page.TakeWhile(d => string.CompareOrdinal(d.Id, throughId) <= 0).ToList();
            foreach (var doc in inRange)
            {
                var before = TypedDocumentStore.Read<SubmissionRecord>(doc);
                if (SubmissionRegrade.Apply(before.Value, target.Assessment, version) is { } after)
                {
                    changes.Add((before.Value, after, before.ETag));
                }
            }

            seen += inRange.Count;
            if (inRange.Count < pageSize || inRange[^1].Id == throughId)
            {
                break;
            }

            cursor = inRange[^1].Id;
        }

        var now = clock.GetUtcNow();
        await Task.WhenAll(changes.SelectMany(c => new[]
        {
            audit.AppendAsync(tenant, GradeAudit.Regraded(c.Before, c.After, version, now), ct),
            events.WriteAsync(tenant, IntegrationEvents.GradeChanged(c.Before, c.After, IntegrationEvents.RegradeCause(version), now), ct),
        })).ConfigureAwait(false);
        var written = await Task.WhenAll(changes.Select(c => store.ReplaceAsync(tenant, c.After, c.ETag, ct))).ConfigureAwait(false);
        var lost = written.Count(w => w.Status == WriteStatus.PreconditionFailed);
        logger.LogInformation("Regraded {Count} of {Seen} submissions of {AssessmentId} v{Version} in {TenantId} ({Lost} lost a race)",
            changes.Count - lost, seen, assessmentId, version, tenant, lost);
        if (lost > 0)
        {
            throw new ConcurrencyConflictException($"{lost} submissions of {assessmentId} changed during the regrade; retry.");
        }

        await ResultsShown.TryAsync(views, logger, tenant, [.. changes.Select(c => c.After.Id)]).ConfigureAwait(false);

        return new RegradeChunkResult(seen, changes.Count);
    }

    private Task<IReadOnlyList<StoredDocument>> QueryAsync(TenantId tenant, string courseId, string assessmentId, string? afterId, int limit, CancellationToken ct) =>
        store.QueryAsync(tenant, Containers.Submissions,
            new DocumentQuery(courseId, new Dictionary<string, string> { ["assessmentId"] = assessmentId }, limit, afterId), ct);
}
