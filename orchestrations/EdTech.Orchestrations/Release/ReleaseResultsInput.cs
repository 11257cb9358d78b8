using EdTech.Domain.Tenancy;

namespace EdTech.Orchestrations.Release;

public sealed record ReleaseResultsInput(TenantId TenantId, string AssessmentId)
{
    /// <summary>
    /// Derived, tenant-first instance id: <c>{tenant}:release:{assessmentId}:{generation}</c>, the generation
    /// being the highest change-feed sequence among the submissions waiting for release (0 when none).
    /// Asking again with nothing new is the same instance (running or finished: "already exists" = success);
    /// newly graded work waiting for release gives a new generation, hence a new run that picks it up.
    /// </summary>
    public string InstanceId(long generation) => $"{TenantId}:release:{AssessmentId}:{generation}";
}

/// <param name="Pending">Graded-not-released submissions found by the first step.</param>
/// <param name="Released">Of those, how many are now released (the others changed meanwhile, e.g. regraded or erased).</param>
public sealed record ReleaseResultsResult(string AssessmentId, int Pending, int Released);

public sealed record ReleaseChunkInput(TenantId TenantId, IReadOnlyList<string> SubmissionIds);
