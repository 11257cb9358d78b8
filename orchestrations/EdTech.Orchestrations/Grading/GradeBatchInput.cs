using System.Security.Cryptography;
using System.Text;
using EdTech.Domain.Tenancy;

namespace EdTech.Orchestrations.Grading;

/// <summary>A chunk of one tenant's submissions to grade together (ids sorted, no duplicates: the instance id depends on nothing else).</summary>
/// <param name="AwaitingReview">Set on the hand-over to per-submission workflows when the batch graded them and left them awaiting review.</param>
public sealed record GradeBatchInput(TenantId TenantId, IReadOnlyList<string> SubmissionIds, bool AwaitingReview = false)
{
    /// <summary>Derived, tenant-first instance id: the same chunk, redelivered in any order, is the same instance.</summary>
    public string InstanceId => InstanceIdFor(TenantId, SubmissionIds);

    public static GradeBatchInput For(TenantId tenant, IEnumerable<string> submissionIds) =>
        new(tenant, [.. submissionIds.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]);

    /// <summary>"{tenant}:grade-batch:{first 128 bits of SHA-256 over the sorted ids}" (ids are unbounded in number, the id is not).</summary>
    public static string InstanceIdFor(TenantId tenant, IEnumerable<string> submissionIds)
    {
        var sorted = string.Join('\n', submissionIds.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(sorted));
        return $"{tenant}:grade-batch:{Convert.ToHexStringLower(hash.AsSpan(0, 16))}";
    }
}

/// <summary>
/// What a batch did: how many it released, left graded (release not due), found erased, and which submissions it handed to
/// their own GradeSubmission workflow (those awaiting human review; every one of the chunk when the batch step kept failing).
/// </summary>
public sealed record GradeBatchResult(int Released, int Graded, int Erased, IReadOnlyList<string> StartedAlone);
