using EdTech.Application.Grading;
using EdTech.Application.Grading.Review;
using Microsoft.DurableTask;

namespace EdTech.Orchestrations.Grading;

public sealed class RemindReviewActivity(ReviewReminders reminders) : TaskActivity<ReviewReminderInput, GradingResult>
{
    public override Task<GradingResult> RunAsync(TaskActivityContext context, ReviewReminderInput input) =>
        reminders.RemindAsync(input.TenantId, input.SubmissionId, input.Reminder, input.Escalate, CancellationToken.None);
}
