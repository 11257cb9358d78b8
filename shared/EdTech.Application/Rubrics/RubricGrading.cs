using System.Globalization;
using EdTech.Application.Common;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Assessments;
using EdTech.Domain.Grading;
using EdTech.Domain.Rubrics;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Rubrics;

/// <summary>A teacher's level for one criterion of a rubric item, with an optional comment the student sees once released.</summary>
public sealed record CriterionChoiceInput(string? CriterionId, string? LevelId, string? Comment);

/// <summary>The rubric (current version) an item is scored with in this request.</summary>
public sealed record ItemRubric(Rubric Rubric, int Version);

/// <summary>
/// Rubric scoring inside the teacher's grade request (<c>POST /api/teacher/submissions/{id}/grades</c>): for an item with a
/// rubric the teacher sends <c>criteria:[{criterionId, levelId, comment?}]</c>, one per criterion, and no score (the server
/// computes it); each error names its path (<c>itemScores[0].criteria[1].levelId</c>). Scoring uses the rubric's current version.
/// </summary>
public static class RubricGrading
{
    public const int MaxCommentLength = 2000;

    /// <summary>The current rubric of each item of the request that has one; null if one is gone (rubrics are never deleted).</summary>
    public static async Task<IReadOnlyDictionary<string, ItemRubric>?> LoadAsync(
        IDocumentStore store, TenantId tenant, string courseId, IEnumerable<AssessmentItem> items, CancellationToken ct)
    {
        var loaded = new Dictionary<string, ItemRubric>(StringComparer.Ordinal);
        foreach (var item in items.Where(i => i.RubricId is not null))
        {
            var stored = await RubricStore.FindAsync(store, tenant, courseId, item.RubricId!, ct).ConfigureAwait(false);
            if (stored is null)
            {
                return null;
            }

            loaded[item.Id] = new ItemRubric(stored.Value.Rubric, stored.Value.Version);
        }

        return loaded;
    }

    /// <summary>Checks one given item score of a rubric item (<paramref name="path"/> is <c>itemScores[i]</c>).</summary>
    public static void Validate(Validation v, string path, decimal? score, IReadOnlyList<CriterionChoiceInput?>? criteria, ItemRubric rubric)
    {
        ArgumentNullException.ThrowIfNull(v);
        ArgumentNullException.ThrowIfNull(rubric);
        v.Require(score is null, $"{path}.score", "Computed from the item's rubric: send criteria (a level per criterion), not a score.");
        if (criteria is not { Count: > 0 })
        {
            v.Add($"{path}.criteria", $"Required: a level for each criterion of rubric '{rubric.Rubric.Id}' ({string.Join(", ", rubric.Rubric.Criteria.Select(c => c.Id))}).");
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var j = 0; j < criteria.Count; j++)
        {
            var at = $"{path}.criteria[{j}]";
            var choice = criteria[j];
            if (choice is null)
            {
                v.Add(at, "Required.");
                continue;
            }

            var criterion = rubric.Rubric.Criteria.FirstOrDefault(c => c.Id == choice.CriterionId);
            if (criterion is null)
            {
                v.Add($"{at}.criterionId", "No criterion with that id in the rubric.");
                continue;
            }

            v.Require(seen.Add(criterion.Id), $"{at}.criterionId", "Chosen more than once.")
             .Require(criterion.Levels.Any(l => l.Id == choice.LevelId), $"{at}.levelId", $"One of {string.Join(", ", criterion.Levels.Select(l => l.Id))}.")
             .Require(choice.Comment is null || choice.Comment.Length <= MaxCommentLength, $"{at}.comment", $"At most {MaxCommentLength} characters.");
        }

        var missing = rubric.Rubric.Criteria.Where(c => !seen.Contains(c.Id)).Select(c => c.Id).ToList();
        v.Require(missing.Count == 0, $"{path}.criteria", $"Missing criteria: {string.Join(", ", missing)}.");
    }

    /// <summary>The computed score and chosen levels of a validated request for a rubric item of <paramref name="itemPoints"/> points.</summary>
    public static (decimal Score, RubricScore Rubric) Score(ItemRubric rubric, IReadOnlyList<CriterionChoiceInput?> criteria, decimal itemPoints)
    {
        ArgumentNullException.ThrowIfNull(rubric);
        ArgumentNullException.ThrowIfNull(criteria);
        var choices = criteria.Select(c => new CriterionChoice(c!.CriterionId!, c.LevelId!, c.Comment)).ToList();
        return RubricScoring.Score(rubric.Rubric, rubric.Version, choices, itemPoints);
    }

    public static string AuditId(string submissionId, string itemId, string baseETag) => $"{submissionId}:rubric:{itemId}:{baseETag.Trim('"')}";

    /// <summary>The audit entry of a change of chosen levels (the score change has its own entry, as every teacher grade).</summary>
    public static AuditEntry Audit(SubmissionRecord submission, string itemId, RubricScore? before, RubricScore after, string? reason,
        string actorUserId, IReadOnlyList<string> actorRoles, string baseETag, DateTimeOffset at) =>
        new(AuditId(submission.Id, itemId, baseETag), at, actorUserId, actorRoles, Application.Audit.AuditActions.GradeChanged, submission.UserId, $"{submission.Id}#{itemId}",
            Old: Describe(before), New: Describe(after), Reason: reason ?? "rubric levels chosen");

    /// <summary><c>rubric@v2: content=good, style=fair</c>: the levels, never the comments (student data kept in the submission only).</summary>
    public static string? Describe(RubricScore? score) => score is null
        ? null
        : string.Create(CultureInfo.InvariantCulture, $"{score.RubricId}@v{score.RubricVersion}: {string.Join(", ", score.Criteria.Select(c => $"{c.CriterionId}={c.LevelId}"))}");
}
