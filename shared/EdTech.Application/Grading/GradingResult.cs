namespace EdTech.Application.Grading;

public sealed record GradingResult(string SubmissionId, string Status, decimal? Score, decimal MaxScore)
{
    /// <summary>Status of a submission that no longer exists (its student was erased).</summary>
    public const string ErasedStatus = "erased";

    public static GradingResult Erased(string submissionId) => new(submissionId, ErasedStatus, null, 0);
}
