using EdTech.Application.Common;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Content.Taxonomy;

/// <summary>Bounds of a taxonomy entry, checked on PUT (422 naming the field) and respected by seeding.</summary>
public static class TaxonomyRules
{
    /// <summary>Item skills are at most 100 characters, so a skill id is too.</summary>
    public const int MaxSkillIdLength = 100;
    public const int MaxNameLength = 100;
    public const int MaxDescriptionLength = 2000;
    public const int MaxExamples = 20;
    public const int MaxExampleLength = 200;

    public static bool IsSkillId(string? value) => ResourceId.IsValid(value) && value!.Length <= MaxSkillIdLength;

    public static Validation SkillId(this Validation v, string skillId, string field = "skillId") =>
        v.Require(IsSkillId(skillId), field, $"Letters, digits, '.', '_', '@' or '-', at most {MaxSkillIdLength}, starting with a letter or digit.");
}
