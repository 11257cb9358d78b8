using EdTech.Application.Records;
using EdTech.Application.Records.Views;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;
using EdTech.Domain.Usage;

namespace EdTech.Application.Usage;

/// <summary>
/// What one change adds to a student's day: a usage event (counted once by its event id) or a submission (counted once by its id,
/// on the day it was received, whatever later changes grading makes to it). <see cref="Date"/> is the tenant's local day.
/// </summary>
internal sealed record UsageFact(TenantId Tenant, string CourseId, string Date, string UserId, UsageEventRecord? Event, string? SubmissionId)
{
    public string StudentDayId => UsageStudentDayRecord.IdFor(CourseId, Date, UserId);

    /// <summary>The module an event is about ("moduleId" or "moduleId/itemId" of a <c>content</c> event); null otherwise.</summary>
    public (string ModuleId, string? ItemId)? Module => Event is { ObjectType: UsageRules.Content } e
        ? e.ObjectId.Split('/') switch { [var m] => (m, null), [var m, var i] => (m, i), _ => null }
        : null;

    public static UsageFact? Of(StoredDocument change, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(change);
        switch (change.Container)
        {
            case Containers.UsageEvents:
                var e = TypedDocumentStore.Read<UsageEventRecord>(change).Value;
                return new(change.Tenant, e.CourseId, UsageRules.DayOf(e.At, zone), e.UserId, e, null);
            case Containers.Submissions:
                var s = TypedDocumentStore.Read<SubmissionRecord>(change).Value;
                return new(change.Tenant, s.CourseId, UsageRules.DayOf(s.ReceivedAt, zone), s.UserId, null, s.Id);
            default:
                return null;
        }
    }

    /// <summary>The day with this fact added; the same day when it was already counted.</summary>
    public UsageStudentDayRecord AddTo(UsageStudentDayRecord day)
    {
        ArgumentNullException.ThrowIfNull(day);
        if (Event is { } e)
        {
            if (day.EventIds.Contains(e.EventId, StringComparer.Ordinal))
            {
                return day;
            }

            var key = $"{e.ObjectType}:{e.ObjectId}";
            return day with
            {
                EventIds = [.. day.EventIds, e.EventId],
                ContentViews = day.ContentViews + (UsageRules.IsContentView(e.Verb, e.ObjectType) ? 1 : 0),
                Completions = day.Completions + (e.Verb == UsageRules.Completed ? 1 : 0),
                TimeOnTaskSeconds = e.DurationSeconds is { } d ? (day.TimeOnTaskSeconds ?? 0) + d : day.TimeOnTaskSeconds,
                StartedObjects = With(day.StartedObjects, e.Verb == UsageRules.Started ? key : null),
                CompletedObjects = With(day.CompletedObjects, e.Verb == UsageRules.Completed ? key : null),
            };
        }

        return SubmissionId is null || day.SubmissionIds.Contains(SubmissionId, StringComparer.Ordinal) ? day : day with { SubmissionIds = [.. day.SubmissionIds, SubmissionId] };
    }

    /// <summary>The module progress with this fact added (<see cref="Module"/> must be set).</summary>
    public UsageModuleProgressRecord AddTo(UsageModuleProgressRecord progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var (moduleId, itemId) = Module!.Value;
        var modules = new Dictionary<string, ModuleProgress>(progress.Modules, StringComparer.Ordinal);
        modules[moduleId] = ModuleProgress.Merge(modules.GetValueOrDefault(moduleId), Event!.Verb, itemId, Event.At);
        return progress with { Modules = modules };
    }

    private static IReadOnlyList<string> With(IReadOnlyList<string> set, string? key) =>
        key is null || set.Contains(key, StringComparer.Ordinal) ? set : [.. set, key];
}
