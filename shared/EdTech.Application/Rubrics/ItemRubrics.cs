using EdTech.Application.Assessments;
using EdTech.Application.Common;
using EdTech.Application.Storage;
using EdTech.Domain.Assessments;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Rubrics;

/// <summary>
/// An assessment item's <c>rubricId</c> (create and edit): only a manually scored item takes one, and it must name a rubric of
/// the assessment's course; otherwise 422 naming <c>items[i].rubricId</c>. The item keeps its own points: a rubric's total is
/// scaled to them when scoring (<see cref="Domain.Grading.RubricScoring"/>), so any points are consistent with any rubric.
/// </summary>
public static class ItemRubrics
{
    public static async Task<Problem?> ValidateAsync(IDocumentStore store, TenantId tenant, string courseId, IReadOnlyList<ItemInput?> items, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(items);
        var v = new Validation();
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is not { RubricId: { } rubricId } item)
            {
                continue;
            }

            var field = $"items[{i}].rubricId";
            if (!ResourceId.IsValid(rubricId))
            {
                v.Id(rubricId, field);
            }
            else if (item.Type is null || ItemType.IsAutoGraded(item.Type))
            {
                v.Add(field, "Only manually scored items (essay) are scored with a rubric.");
            }
            else if (await RubricStore.FindAsync(store, tenant, courseId, rubricId, ct).ConfigureAwait(false) is null)
            {
                v.Add(field, "No rubric with that id in the course.");
            }
        }

        return v.IsValid ? null : v.ToProblem();
    }
}
