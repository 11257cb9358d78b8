namespace EdTech.Domain.Submissions;

public static class SubmissionStatus
{
    public const string Accepted = "accepted";
    public const string Grading = "grading";
    public const string AwaitingReview = "awaiting-review";
    public const string Graded = "graded";
    public const string Released = "released";
    public const string NotSubmitted = "not-submitted";

    public static bool IsFinished(string status) => status is Graded or Released;
}
