using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Assessments;
using EdTech.Domain.Submissions;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Grading.Release;

/// <summary>
/// Atomic visibility per assessment. For every policy but <c>immediate</c>, results become visible through
/// one write, the <see cref="AssessmentReleaseRecord"/>; the per-submission flip to <c>released</c> that
/// follows is bookkeeping (audit, notification, projections), never what decides visibility.
/// </summary>
public static class AssessmentReleases
{
    /// <summary>Writes the assessment's release record unless it exists (create never overwrites). Returns its release time.</summary>
    public static async Task<DateTimeOffset> EnsureAsync(IDocumentStore store, TenantId tenant, AssessmentRecord assessment, DateTimeOffset now, CancellationToken ct)
    {
        var (_, stored) = await store.CreateAsync(tenant, new AssessmentReleaseRecord(assessment.Id, assessment.CourseId, now), ct).ConfigureAwait(false);
        return stored?.Value.ReleasedAt ?? now;
    }

    /// <summary>
    /// Whether a student may see the score of a submission in <paramref name="status"/>: released ones always,
    /// graded ones once their assessment's release record exists.
    /// </summary>
    public static bool IsVisible(SubmissionStatus status, bool assessmentReleased) =>
        status == SubmissionStatus.Released || (status == SubmissionStatus.Graded && assessmentReleased);

    /// <summary>Whether releasing a graded submission of this assessment must go through the release record.</summary>
    public static bool IsAtomic(Assessment assessment) => assessment.Release.Mode != ReleasePolicy.Immediate;
}
