using EdTech.Application.Storage;
using EdTech.Domain.Gradebooks;

namespace EdTech.Application.Records;

/// <summary>A course's grading categories (weights and drop-lowest rules). One per course: Id = CourseId.</summary>
public sealed record GradingSchemeRecord(string Id, IReadOnlyList<GradingCategory> Categories, string UpdatedBy, DateTimeOffset UpdatedAt) : IStoredRecord
{
    public static string Container => Containers.GradingSchemes;

    public string PartitionKey => Id;

    public static string? PartitionOf(string id) => id;
}
