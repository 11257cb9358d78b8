using EdTech.Application.Records;
using EdTech.Application.Storage;

namespace EdTech.Application.Assessments.Lifecycle;

/// <summary>
/// Whether students can see an assessment. The state is the top-level <c>state</c> field of <see cref="AssessmentRecord"/>
/// (queried, so in <see cref="QueriedFields"/> and the Cosmos index); a document without it was stored before drafts existed
/// and is published, which is why lists filter with <see cref="DocumentQuery.FieldNotEquals"/> (absent or not draft).
/// </summary>
public static class AssessmentStates
{
    public const string Published = "published";
    public const string Draft = "draft";

    public const string Field = "state";

    public static bool IsPublished(this AssessmentRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.State != Draft;
    }

    /// <summary>A course's assessments students may see, in id order: one single-partition query, filtered in the store.</summary>
    public static DocumentQuery PublishedIn(string courseId, int? limit = null, string? afterId = null) =>
        new(courseId, null, limit, afterId, FieldNotEquals: new Dictionary<string, string>(StringComparer.Ordinal) { [Field] = Draft });
}
