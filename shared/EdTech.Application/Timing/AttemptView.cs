using EdTech.Application.Records;
using EdTech.Domain.Timing;

namespace EdTech.Application.Timing;

/// <summary>
/// An attempt as its student sees it (docs/timing.md): times on the server's clock (<see cref="ServerTime"/> lets the client
/// correct its own), the student's own limit (with their multiplier), the last draft. <see cref="Status"/> is
/// <c>running</c> or <c>submitted</c>; <see cref="OverTime"/> says the end plus grace has passed. Never any score.
/// </summary>
public sealed record AttemptView(
    string AttemptId,
    string AssessmentId,
    string CourseId,
    int Number,
    string Status,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndsAt,
    int? TimeLimitSeconds,
    string? OverTimePolicy,
    bool OverTime,
    string? SubmissionId,
    long DraftSequence,
    IReadOnlyList<SubmittedAnswer> DraftAnswers,
    DateTimeOffset? DraftSavedAt,
    DateTimeOffset ServerTime)
{
    public const string Running = "running";
    public const string Submitted = "submitted";

    public static AttemptView Of(AttemptRecord a, string? submissionId, DateTimeOffset now) => new(
        a.Id, a.AssessmentId, a.CourseId, a.Number, submissionId is null ? Running : Submitted, a.StartedAt, a.EndsAt,
        a.EndsAt is { } end ? (int)Math.Ceiling((end - a.StartedAt).TotalSeconds) : null, a.OverTime,
        submissionId is null && StudentSchedule.IsOverTime(a.EndsAt, now), submissionId, a.DraftSequence, a.DraftAnswers ?? [], a.DraftSavedAt, now);
}

/// <summary>A saved draft: its sequence number and when the server stored it.</summary>
public sealed record DraftSaved(string AttemptId, long Sequence, DateTimeOffset SavedAt);
