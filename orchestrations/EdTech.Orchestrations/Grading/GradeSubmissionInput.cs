using EdTech.Domain.Tenancy;

namespace EdTech.Orchestrations.Grading;

/// <param name="ReviewReminderAfter">How long to wait for human review before each reminder (null: 48 h); set by the starter from configuration.</param>
/// <param name="RemindersBeforeEscalation">Reminders after which each further timeout also escalates to the tenant admins (null: 2).</param>
/// <param name="AlreadyGraded">Started by a grading batch for a submission it left awaiting review: the workflow goes straight to the wait (no auto-grade step).</param>
public sealed record GradeSubmissionInput(TenantId TenantId, string SubmissionId, TimeSpan? ReviewReminderAfter = null, int? RemindersBeforeEscalation = null, bool AlreadyGraded = false)
{
    /// <summary>Derived, tenant-first instance id: starting twice is the same instance.</summary>
    public string InstanceId => InstanceIdFor(TenantId, SubmissionId);

    public static string InstanceIdFor(TenantId tenant, string submissionId) => $"{tenant}:grade:{submissionId}";
}

/// <summary>Raised on a waiting GradeSubmission instance when a teacher has scored every manual item.</summary>
public sealed record ReviewCompletedEvent(TenantId TenantId, string SubmissionId)
{
    public const string Name = "ReviewCompleted";
}

/// <param name="Reminder">1-based number of the timeout that fired.</param>
public sealed record ReviewReminderInput(TenantId TenantId, string SubmissionId, int Reminder, bool Escalate);
