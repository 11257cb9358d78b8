using EdTech.Application.Records;
using EdTech.Application.Records.Views;
using EdTech.Application.Storage;
using EdTech.Domain.Rubrics;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Rubrics;

/// <summary>One criterion as the student sees it once released: all its levels, the one chosen, its points and the teacher's comment.</summary>
public sealed record StudentCriterionFeedback(
    string CriterionId, string Title, string? Description, IReadOnlyList<RubricLevel> Levels, string ChosenLevelId, decimal Points, string? Comment);

/// <summary>
/// A rubric item's feedback in the student's submission read (once released, never before): the rubric version the teacher scored
/// with, the chosen levels and comments, the rubric's points and the item's (scaled) score.
/// </summary>
public sealed record StudentRubricFeedback(
    string ItemId, decimal? Score, decimal MaxScore, string RubricId, int RubricVersion, string Title, string? Description,
    decimal RubricPoints, decimal RubricMaxPoints, IReadOnlyList<StudentCriterionFeedback> Criteria)
{
    /// <summary>
    /// The feedback of <paramref name="view"/>'s rubric items (one point read per rubric version). Only call for a released view:
    /// the caller decides visibility. Null when the submission has no rubric item.
    /// </summary>
    public static async Task<IReadOnlyList<StudentRubricFeedback>?> ReadAsync(IDocumentStore store, TenantId tenant, SubmissionViewRecord view, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(view);
        if (view.RubricItems is not { Count: > 0 } scored)
        {
            return null;
        }

        var feedback = new List<StudentRubricFeedback>(scored.Count);
        foreach (var item in scored)
        {
            var chosen = item.Rubric!;
            var rubric = await RubricStore.VersionAsync(store, tenant, view.CourseId, chosen.RubricId, chosen.RubricVersion, ct).ConfigureAwait(false);
            if (rubric is null)
            {
                // Rubrics are never deleted; a version that cannot be read leaves the item out rather than showing levels without their rubric.
                continue;
            }

            var criteria = chosen.Criteria
                .Select(c => (Choice: c, Criterion: rubric.Criteria.FirstOrDefault(k => k.Id == c.CriterionId)))
                .Where(p => p.Criterion is not null)
                .Select(p => new StudentCriterionFeedback(p.Criterion!.Id, p.Criterion.Title, p.Criterion.Description, p.Criterion.Levels, p.Choice.LevelId, p.Choice.Points, p.Choice.Comment))
                .ToList();
            feedback.Add(new StudentRubricFeedback(item.ItemId, item.Score, item.MaxScore, chosen.RubricId, chosen.RubricVersion, rubric.Title, rubric.Description,
                chosen.Points, rubric.MaxPoints, criteria));
        }

        return feedback.Count > 0 ? feedback : null;
    }
}
