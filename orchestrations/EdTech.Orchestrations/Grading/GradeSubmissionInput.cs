using EdTech.Domain.Tenancy;

namespace EdTech.Orchestrations.Grading;

public sealed record GradeSubmissionInput(TenantId TenantId, string SubmissionId)
{
    /// <summary>Derived, tenant-first instance id: starting twice is the same instance.</summary>
    public string InstanceId => $"{TenantId}:grade:{SubmissionId}";
}
