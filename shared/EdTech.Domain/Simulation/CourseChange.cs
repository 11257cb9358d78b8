namespace EdTech.Domain.Simulation;

/// <summary>
/// A proposed curriculum change, as `POST /api/content/simulations` takes it. Absent parts change nothing.
/// <see cref="Prerequisites"/> replaces the listed skills' requirement lists (an empty list removes them);
/// <see cref="PracticePerSkill"/> replaces the listed skills' practice opportunities; <see cref="ModuleOrder"/> is the full
/// new order of the course's module ids.
/// </summary>
public sealed record CourseChange(
    IReadOnlyList<string>? RemoveItems = null,
    IReadOnlyList<AddedItem>? AddItems = null,
    IReadOnlyDictionary<string, IReadOnlyList<string>>? Prerequisites = null,
    double? MasteryThreshold = null,
    IReadOnlyDictionary<string, int>? PracticePerSkill = null,
    IReadOnlyList<string>? ModuleOrder = null)
{
    public static CourseChange None { get; } = new();
}

/// <summary>A new item: its id is "assessmentId/itemId"; difficulty is b on the course's logit scale; discrimination is the prior's.</summary>
public sealed record AddedItem(string AssessmentId, string ItemId, IReadOnlyList<string> Skills, double Difficulty)
{
    public string Id => $"{AssessmentId}/{ItemId}";
}
