using EdTech.Application.Records;
using EdTech.Domain.Grading;

namespace EdTech.Application.Grading;

/// <summary>Between a stored submission and its <see cref="SubmissionGrade"/>, the state the grading rules read and write.</summary>
public static class SubmissionGrades
{
    public static SubmissionGrade GradeOf(SubmissionRecord submission)
    {
        ArgumentNullException.ThrowIfNull(submission);
        return new(submission.Status, submission.ItemScores ?? [], submission.RawScore, submission.Score, submission.GradedAt, submission.ReceivedAt, submission.ExtendedDeadline);
    }

    public static SubmissionRecord WithGrade(this SubmissionRecord submission, SubmissionGrade grade)
    {
        ArgumentNullException.ThrowIfNull(submission);
        ArgumentNullException.ThrowIfNull(grade);
        return submission with { Status = grade.Status, ItemScores = grade.ItemScores, RawScore = grade.RawScore, Score = grade.Score, GradedAt = grade.GradedAt };
    }
}
