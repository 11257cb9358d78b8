using EdTech.Domain.Submissions;
namespace EdTech.Application.Grading;

public sealed record GradingResult(string SubmissionId, SubmissionStatus Status, decimal? Score, decimal MaxScore)
{
    /// <summary>The result for a submission that no longer exists (its student was erased).</summary>
    public static GradingResult Erased(string submissionId) => new(submissionId, SubmissionStatus.Erased, null, 0);
}
