using EdTech.Application.Storage;

namespace EdTech.Application.Records;

/// <summary>One item of a module: an assessment of the course, a page, or an https link.</summary>
public sealed record ModuleItem(string Id, string Title, string Kind, string? AssessmentId = null, string? Url = null);

/// <summary>A course module (ordered by <see cref="Position"/>). Id is "{courseId}:{moduleId}".</summary>
public sealed record ModuleRecord(string Id, string CourseId, string ModuleId, string Title, int Position, IReadOnlyList<ModuleItem> Items, string UpdatedBy, DateTimeOffset UpdatedAt) : IStoredRecord
{
    public static string Container => Containers.Modules;

    public string PartitionKey => CourseId;

    public static string? PartitionOf(string id) => RecordIds.Head(id);

    public static string IdFor(string courseId, string moduleId) => $"{courseId}:{moduleId}";

    /// <summary>Same teacher-supplied content (what a PUT replaces).</summary>
    public bool SameContentAs(ModuleRecord other) => Title == other.Title && Position == other.Position && Items.SequenceEqual(other.Items);
}
