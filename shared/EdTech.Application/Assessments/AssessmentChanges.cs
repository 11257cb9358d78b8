using EdTech.Application.Storage;
using EdTech.Domain.Assessments;

namespace EdTech.Application.Assessments;

/// <summary>What an edit changes, as far as existing submissions are concerned.</summary>
public static class AssessmentChanges
{
    /// <summary>
    /// Why the edit would orphan answers already submitted, or null. Once a submission exists the item set
    /// is locked: no item removed, added or given another type (an added item would score zero for everyone
    /// who never saw it). Prompts, keys, points, choices, order and every other field may change.
    /// </summary>
    public static string? ItemSetError(Assessment current, Assessment edited)
    {
        var before = current.Items.ToDictionary(i => i.Id, i => i.Type, StringComparer.Ordinal);
        var after = edited.Items.ToDictionary(i => i.Id, i => i.Type, StringComparer.Ordinal);
        var removed = before.Keys.Where(id => !after.ContainsKey(id)).Order(StringComparer.Ordinal).ToList();
        var added = after.Keys.Where(id => !before.ContainsKey(id)).Order(StringComparer.Ordinal).ToList();
        var retyped = before.Where(b => after.TryGetValue(b.Key, out var t) && t != b.Value).Select(b => b.Key).Order(StringComparer.Ordinal).ToList();
        if (removed.Count + added.Count + retyped.Count == 0)
        {
            return null;
        }

        var parts = new List<string>();
        if (removed.Count > 0)
        {
            parts.Add($"removed: {string.Join(", ", removed)}");
        }

        if (added.Count > 0)
        {
            parts.Add($"added: {string.Join(", ", added)}");
        }

        if (retyped.Count > 0)
        {
            parts.Add($"type changed: {string.Join(", ", retyped)}");
        }

        return $"Submissions exist, so items cannot be added, removed or change type ({string.Join("; ", parts)}). Create a new assessment instead.";
    }

    /// <summary>True when scores computed under <paramref name="current"/> may differ under <paramref name="edited"/>: an answer key, tolerance, points, choices, item options (scoring rule, accepted answers, pairs, blanks...) or the late policy changed.</summary>
    public static bool ScoringChanged(Assessment current, Assessment edited) =>
        TypedDocumentStore.Serialize(current.LatePolicy) != TypedDocumentStore.Serialize(edited.LatePolicy)
        || Keys(current) != Keys(edited);

    private static string Keys(Assessment a) => TypedDocumentStore.Serialize(
        a.Items.OrderBy(i => i.Id, StringComparer.Ordinal).Select(i => new { i.Id, i.Type, i.Answer, i.Tolerance, i.Points, i.Choices, i.Options }).ToList());
}
