using EdTech.Application.Assessments;
using EdTech.Application.Common;
using EdTech.Domain.Assessments;

namespace EdTech.Application.Submissions;

public static class SubmitAttemptValidator
{
    public static Validation Validate(Assessment assessment, SubmitAttemptCommand command)
    {
        var v = new Validation();
        if (command.Answers is not { } answers || answers.Count > assessment.Items.Count)
        {
            return v.Add("answers", $"An array of at most {assessment.Items.Count} answers.");
        }

        var items = assessment.Items.ToDictionary(i => i.Id, StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < answers.Count; i++)
        {
            var path = $"answers[{i}]";
            // No `out var` behind `||`: the item is assigned on every path (mutation testing compiles each mutant of this method).
            var item = answers[i]?.ItemId is { } itemId ? items.GetValueOrDefault(itemId) : null;
            if (item is null)
            {
                v.Add($"{path}.itemId", "Not an item of this assessment.");
                continue;
            }

            if (!seen.Add(item.Id))
            {
                v.Add($"{path}.itemId", "Answered twice.");
            }

            // A null value is an unanswered item (scores zero); anything else must fit the item type.
            if (answers[i].Value is { } value && AnswerKeyRules.AnswerError(item, value) is { } error)
            {
                v.Add($"{path}.value", $"Item {item.Id} ({item.Type}): {error}");
            }
        }

        return v;
    }
}
