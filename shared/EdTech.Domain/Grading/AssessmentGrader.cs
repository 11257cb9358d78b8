using EdTech.Domain.Assessments;

namespace EdTech.Domain.Grading;

public static class AssessmentGrader
{
    /// <summary>Grades every item; answers to unknown items are ignored, missing answers score zero.</summary>
    public static GradeOutcome Grade(Assessment assessment, IReadOnlyDictionary<string, AnswerValue> answers)
    {
        var scores = assessment.Items
            .Select(item => new ItemScore(item.Id, ItemGrader.Grade(item, answers.GetValueOrDefault(item.Id)), item.Points))
            .ToList();
        var needsReview = scores.Any(s => s.Score is null);
        return new GradeOutcome(scores, scores.Sum(s => s.Score ?? 0), assessment.MaxScore, needsReview);
    }

    /// <summary>The score a student gets: raw score less the late penalty, counted from <paramref name="deadline"/> (the student's extended one) if given.</summary>
    public static decimal FinalScore(Assessment assessment, decimal rawScore, DateTimeOffset receivedAt, DateTimeOffset? deadline = null)
    {
        var lateBy = receivedAt - (deadline ?? assessment.Deadline);
        return (assessment.LatePolicy ?? LatePolicy.None).Apply(rawScore, lateBy);
    }
}
