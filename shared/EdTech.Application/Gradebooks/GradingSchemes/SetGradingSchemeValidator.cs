using EdTech.Application.Common;

namespace EdTech.Application.Gradebooks.GradingSchemes;

public static class SetGradingSchemeValidator
{
    public const int MaxCategories = 20;

    public static Validation Validate(SetGradingSchemeCommand command)
    {
        var v = new Validation();
        if (command.Categories is not { Count: <= MaxCategories } categories)
        {
            return v.Add("categories", $"A list of at most {MaxCategories} categories.");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < categories.Count; i++)
        {
            var path = $"categories[{i}]";
            // A plain local, not a pattern variable: every mutant of this method must compile (tools/mutation).
            var c = categories[i];
            if (c is null)
            {
                v.Add(path, "Required.");
                continue;
            }

            v.Id(c.Id, $"{path}.id", required: true).Text(c.Name, $"{path}.name", 100)
             .Require(c.Weight is > 0 and <= 1000, $"{path}.weight", "Greater than 0, at most 1000.")
             .Require(c.DropLowest is null or (>= 0 and <= 100), $"{path}.dropLowest", "0 to 100.")
             .Require(c.Id is null || ids.Add(c.Id), $"{path}.id", "Duplicate category id.");
        }

        return v;
    }
}
