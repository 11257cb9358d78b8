using EdTech.Application.Storage;

namespace EdTech.Application.Records;

public sealed record SkillPrerequisite(string Skill, IReadOnlyList<string> Requires);

/// <summary>A course's skill prerequisites, set by a teacher. Id = course id.</summary>
public sealed record SkillGraphRecord(string Id, IReadOnlyList<SkillPrerequisite> Prerequisites, string UpdatedBy, DateTimeOffset UpdatedAt) : IStoredRecord
{
    public static string Container => Containers.SkillGraphs;

    public string PartitionKey => Id;

    public static string? PartitionOf(string id) => id;
}
