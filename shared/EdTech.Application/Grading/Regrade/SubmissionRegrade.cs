using EdTech.Application.Records;
using EdTech.Domain.Assessments;
using EdTech.Domain.Grading;
using EdTech.Domain.Submissions;

namespace EdTech.Application.Grading.Regrade;

/// <summary>
/// The pure rule of a regrade: a graded, released or awaiting-review submission is re-scored with the answer
/// key of <c>version</c>. Essay scores and teacher overrides are kept (capped at the item's new points); the
/// late penalty is re-applied only if the submission was stored as late; status and release stay as they are.
/// </summary>
public static class SubmissionRegrade
{
    /// <returns>The regraded submission, or null when it is not regradable, already at (or past) that version, or nothing would change.</returns>
    public static SubmissionRecord? Apply(SubmissionRecord s, Assessment assessment, int version)
    {
        if ((s.GradedVersion ?? s.AssessmentVersion) >= version || s.ItemScores is null
            || s.Status is not (SubmissionStatus.Graded or SubmissionStatus.Released or SubmissionStatus.AwaitingReview))
        {
            return null;
        }

        var answers = s.Answers.Where(a => a.Value is not null).ToDictionary(a => a.ItemId, a => a.Value!, StringComparer.Ordinal);
        var old = s.ItemScores.ToDictionary(i => i.ItemId, StringComparer.Ordinal);
        var scores = assessment.Items.Select(item => Rescore(item, old.GetValueOrDefault(item.Id), answers.GetValueOrDefault(item.Id))).ToList();
        var raw = s.Status == SubmissionStatus.AwaitingReview || scores.Any(x => x.Score is null) ? (decimal?)null : scores.Sum(x => x.Score!.Value);
        var after = s with
        {
            ItemScores = scores,
            RawScore = raw,
            Score = raw is not { } r ? null : s.Late ? AssessmentGrader.FinalScore(assessment, r, s.ReceivedAt, s.ExtendedDeadline) : r,
            MaxScore = assessment.MaxScore,
            GradedVersion = version,
        };
        var unchanged = after.Score == s.Score && after.RawScore == s.RawScore && after.MaxScore == s.MaxScore && scores.SequenceEqual(s.ItemScores);
        return unchanged ? null : after;
    }

    private static ItemScore Rescore(AssessmentItem item, ItemScore? old, AnswerValue? answer)
    {
        if (!ItemType.IsAutoGraded(item.Type) || old?.Overridden is true)
        {
            // A human's score stands; only a cut in the item's points can lower it.
            var kept = old?.Score is { } given ? Math.Min(given, item.Points) : (decimal?)null;
            return (old ?? new ItemScore(item.Id, null, item.Points)) with { Score = kept, MaxScore = item.Points };
        }

        return new ItemScore(item.Id, ItemGrader.Grade(item, answer), item.Points, old?.Comment);
    }
}
