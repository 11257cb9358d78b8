using EdTech.Domain.Serialization;
using System.Globalization;
using EdTech.Application.Records;
using EdTech.Domain.Submissions;

namespace EdTech.Application.Audit;

/// <summary>
/// Audit entries of the automatic grading steps. Ids derive from submission and step, so a re-run
/// activity appends nothing new (the store's create is idempotent).
/// </summary>
public static class GradeAudit
{
    public static string AutoGradeId(string submissionId) => $"{submissionId}:auto-grade";

    public static string ReleaseId(string submissionId) => $"{submissionId}:release";

    public static AuditEntry AutoGraded(SubmissionRecord before, SubmissionRecord after, DateTimeOffset at) =>
        new(AutoGradeId(after.Id), at, AuditActions.AutoGrader, AuditActions.SystemRoles, AuditActions.GradeChanged, after.UserId, after.Id,
            Old: Score(before.Score), New: Score(after.Score),
            Reason: after.Status == SubmissionStatus.AwaitingReview ? "auto-graded; manual items await review" : "auto-graded");

    public static AuditEntry Released(SubmissionRecord before, DateTimeOffset at) =>
        new(ReleaseId(before.Id), at, AuditActions.AutoGrader, AuditActions.SystemRoles, AuditActions.GradeReleased, before.UserId, before.Id,
            Old: before.Status.Wire(), New: SubmissionStatus.Released.Wire(), Reason: "release policy due");

    /// <summary>
    /// An immediate release's two entries (<see cref="AutoGraded"/>, then <see cref="Released"/>) as one stored document with
    /// the auto-grade entry's id: one write instead of two; every reader expands it into the two entries (<see cref="AuditFolds"/>).
    /// </summary>
    public static AuditEntry AutoGradedAndReleased(SubmissionRecord before, SubmissionRecord graded, DateTimeOffset at) =>
        AuditFolds.Of(AutoGraded(before, graded, at), Released(graded, at));

    /// <summary>Id of a teacher's change to one item: derived from the ETag the write was conditional on, so a retried request logs once.</summary>
    public static string TeacherItemId(string submissionId, string itemId, string baseETag) => $"{submissionId}:grade:{itemId}:{baseETag.Trim('"')}";

    public static string TeacherScoreId(string submissionId, string baseETag) => $"{submissionId}:score:{baseETag.Trim('"')}";

    /// <summary>
    /// The append-only correction for <paramref name="entry"/>, written ahead of a store write that then lost a race:
    /// same actor and subject, old and new swapped back, naming the entry it cancels. Its id derives from that entry's,
    /// so a retry appends it once.
    /// </summary>
    public static AuditEntry NotApplied(AuditEntry entry, DateTimeOffset at) =>
        new($"{entry.Id}:not-applied", at, entry.ActorUserId, entry.ActorRoles, AuditActions.GradeChangeNotApplied, entry.SubjectUserId, entry.Resource,
            Old: entry.New, New: entry.Old, Reason: $"not applied: the submission changed concurrently (412); cancels {entry.Id}");

    public static AuditEntry TeacherItemScored(SubmissionRecord submission, string itemId, decimal? oldScore, decimal newScore, string? reason,
        string actorUserId, IReadOnlyList<string> actorRoles, string baseETag, DateTimeOffset at) =>
        new(TeacherItemId(submission.Id, itemId, baseETag), at, actorUserId, actorRoles, AuditActions.GradeChanged, submission.UserId, $"{submission.Id}#{itemId}",
            Old: Score(oldScore), New: Score(newScore), Reason: reason);

    public static AuditEntry TeacherScored(SubmissionRecord before, SubmissionRecord after, string? reason,
        string actorUserId, IReadOnlyList<string> actorRoles, string baseETag, DateTimeOffset at) =>
        new(TeacherScoreId(after.Id, baseETag), at, actorUserId, actorRoles, AuditActions.GradeChanged, after.UserId, after.Id,
            Old: Score(before.Score), New: Score(after.Score), Reason: reason ?? "teacher review");

    public static string RegradeId(string submissionId, int version) => $"{submissionId}:regrade:v{version}";

    /// <summary>A regrade after an answer-key change; one entry per submission and version, so a re-run chunk logs once.</summary>
    public static AuditEntry Regraded(SubmissionRecord before, SubmissionRecord after, int version, DateTimeOffset at) =>
        new(RegradeId(after.Id, version), at, AuditActions.AutoGrader, AuditActions.SystemRoles, AuditActions.GradeChanged, after.UserId, after.Id,
            Old: Score(before.Score), New: Score(after.Score), Reason: $"answer key changed to version {version.ToString(CultureInfo.InvariantCulture)}");

    public static string AssessmentReleaseId(string assessmentId) => $"{assessmentId}:release-requested";

    /// <summary>
    /// A teacher's release request. The audit log is partitioned by subject; a release concerns a whole
    /// assessment, so the teacher is the subject here and each student's own release entry follows per submission.
    /// </summary>
    public static AuditEntry AssessmentReleased(AssessmentRecord assessment, string teacherId, IEnumerable<string> roles, DateTimeOffset at) =>
        new(AssessmentReleaseId(assessment.Id), at, teacherId, [.. roles.Order(StringComparer.Ordinal)], AuditActions.GradeReleased, teacherId, assessment.Id,
            Old: assessment.ReleasedAt is null ? "unreleased" : "released", New: "released", Reason: "released by teacher");

    private static string? Score(decimal? score) => score?.ToString(CultureInfo.InvariantCulture);
}
