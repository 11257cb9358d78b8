using EdTech.Application.Storage;
using EdTech.Domain.Usage;

namespace EdTech.Application.Records.Views;

/// <summary>
/// One student's activity in a course's modules, kept by the usage projection from their <c>content</c> events: per module id,
/// the first and last event, when they completed the module itself, and the items they completed. Every field merges by
/// min / max / union, so a redelivered or reordered event changes nothing. Id "{courseId}:{userId}", partition the course
/// (a course's drop-off is one partition query).
/// </summary>
public sealed record UsageModuleProgressRecord(string Id, string CourseId, string UserId, IReadOnlyDictionary<string, ModuleProgress> Modules) : IStoredRecord
{
    public static string Container => Containers.UsageModuleProgress;

    public string PartitionKey => CourseId;

    public static string? PartitionOf(string id) => RecordIds.Head(id);

    public static string IdFor(string courseId, string userId) => $"{courseId}:{userId}";

    public static UsageModuleProgressRecord Empty(string courseId, string userId) =>
        new(IdFor(courseId, userId), courseId, userId, new Dictionary<string, ModuleProgress>(StringComparer.Ordinal));
}

/// <summary>A student's activity in one module (see <see cref="UsageModuleProgressRecord"/>).</summary>
public sealed record ModuleProgress(DateTimeOffset FirstAt, DateTimeOffset LastAt, DateTimeOffset? CompletedAt, IReadOnlyList<string> CompletedItems)
{
    /// <summary>This progress with one more event on the module (<paramref name="itemId"/> null) or on one of its items.</summary>
    public static ModuleProgress Merge(ModuleProgress? progress, string verb, string? itemId, DateTimeOffset at)
    {
        var completed = verb == UsageRules.Completed;
        var first = progress is null || at < progress.FirstAt ? at : progress.FirstAt;
        var last = progress is null || at > progress.LastAt ? at : progress.LastAt;
        var completedAt = completed && itemId is null && (progress?.CompletedAt is not { } c || at < c) ? at : progress?.CompletedAt;
        var items = progress?.CompletedItems ?? [];
        if (completed && itemId is not null && !items.Contains(itemId, StringComparer.Ordinal))
        {
            items = [.. items, itemId];
        }

        return new ModuleProgress(first, last, completedAt, items);
    }

    public ModuleActivity Activity => new(FirstAt, LastAt, CompletedAt is not null, CompletedItems);
}
