using EdTech.Application.Notifications;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Submissions;
using EdTech.Domain.Tenancy;
using Microsoft.Extensions.Logging;

namespace EdTech.Application.Grading.Review;

/// <summary>
/// The I/O of a review-reminder timeout: if the submission still awaits review, writes a reminder for each
/// of the course's teachers and, when <paramref name="escalate"/>, an escalation for each tenant admin.
/// Ids derive from submission, reminder number and recipient, so a retried (or re-driven) step writes nothing twice.
/// Returns the submission's current state: anything but awaiting-review ends the wait (a lost event is healed here).
/// </summary>
public sealed class ReviewReminders(IDocumentStore store, NotificationOutbox outbox, TimeProvider clock, ILogger<ReviewReminders> logger)
{
    public async Task<GradingResult> RemindAsync(TenantId tenant, string submissionId, int reminder, bool escalate, CancellationToken ct)
    {
        var stored = await store.GetAsync<SubmissionRecord>(tenant, submissionId, ct).ConfigureAwait(false);
        if (stored is null)
        {
            return GradingResult.Erased(submissionId);
        }

        var s = stored.Value;
        if (s.Status != SubmissionStatus.AwaitingReview)
        {
            return new GradingResult(s.Id, s.Status, s.Score, s.MaxScore);
        }

        var now = clock.GetUtcNow();
        var data = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["submissionId"] = s.Id, ["assessmentId"] = s.AssessmentId, ["courseId"] = s.CourseId, ["reminder"] = reminder.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var teachers = await store.QueryAsync<EnrollmentRecord>(tenant, DocumentQuery.Where("role", Roles.Teacher, s.CourseId), ct).ConfigureAwait(false);
        foreach (var teacher in teachers.Select(t => t.Value.UserId))
        {
            await outbox.WriteAsync(tenant, new NotificationRecord($"{NotificationKinds.ReviewReminder}:{s.Id}:{reminder}:{teacher}", teacher, NotificationKinds.ReviewReminder,
                "A submission is waiting for your review", data, now), ct).ConfigureAwait(false);
        }

        var admins = 0;
        if (escalate)
        {
            var users = await store.QueryAsync<UserRecord>(tenant, DocumentQuery.All, ct).ConfigureAwait(false);
            foreach (var admin in users.Where(u => u.Value.Roles.Contains(Roles.TenantAdmin)).Select(u => u.Value.Id))
            {
                await outbox.WriteAsync(tenant, new NotificationRecord($"{NotificationKinds.ReviewEscalation}:{s.Id}:{reminder}:{admin}", admin, NotificationKinds.ReviewEscalation,
                    "A submission has waited too long for review", data, now), ct).ConfigureAwait(false);
                admins++;
            }
        }

        logger.LogInformation("Review reminder {Reminder} for {SubmissionId} in {TenantId}: {Teachers} teachers, {Admins} admins", reminder, submissionId, tenant, teachers.Count, admins);
        return new GradingResult(s.Id, s.Status, s.Score, s.MaxScore);
    }
}
