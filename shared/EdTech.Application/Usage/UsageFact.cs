using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;
using EdTech.Domain.Usage;

namespace EdTech.Application.Usage;

/// <summary>
/// What one change adds to a student's day: a usage event (counted once by its event id) or a submission (counted once by its id,
/// on the day it was received, whatever later changes grading makes to it).
/// </summary>
internal sealed record UsageFact(TenantId Tenant, string CourseId, string Date, string UserId, string? EventId, string? SubmissionId, bool ContentView, bool Completion, double? Duration)
{
    public string StudentDayId => UsageStudentDayRecord.IdFor(CourseId, Date, UserId);

    public static UsageFact? Of(StoredDocument change)
    {
        ArgumentNullException.ThrowIfNull(change);
        switch (change.Container)
        {
            case Containers.UsageEvents:
                var e = TypedDocumentStore.Read<UsageEventRecord>(change).Value;
                return new(change.Tenant, e.CourseId, UsageRules.DayOf(e.At), e.UserId, e.EventId, null, UsageRules.IsContentView(e.Verb, e.ObjectType), e.Verb == UsageRules.Completed,
                    e.DurationSeconds);
            case Containers.Submissions:
                var s = TypedDocumentStore.Read<SubmissionRecord>(change).Value;
                return new(change.Tenant, s.CourseId, UsageRules.DayOf(s.ReceivedAt), s.UserId, null, s.Id, false, false, null);
            default:
                return null;
        }
    }

    /// <summary>The day with this fact added; the same day when it was already counted.</summary>
    public UsageStudentDayRecord AddTo(UsageStudentDayRecord day)
    {
        ArgumentNullException.ThrowIfNull(day);
        if (EventId is { } eventId)
        {
            return day.EventIds.Contains(eventId, StringComparer.Ordinal) ? day : day with
            {
                EventIds = [.. day.EventIds, eventId],
                ContentViews = day.ContentViews + (ContentView ? 1 : 0),
                Completions = day.Completions + (Completion ? 1 : 0),
                TimeOnTaskSeconds = Duration is { } d ? (day.TimeOnTaskSeconds ?? 0) + d : day.TimeOnTaskSeconds,
            };
        }

        return SubmissionId is null || day.SubmissionIds.Contains(SubmissionId, StringComparer.Ordinal) ? day : day with { SubmissionIds = [.. day.SubmissionIds, SubmissionId] };
    }
}
