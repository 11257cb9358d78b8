using EdTech.Domain.Serialization;
using EdTech.Application.Grading;
using EdTech.Application.Grading.Review;
using EdTech.Domain.Submissions;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace EdTech.Orchestrations.Grading;

/// <summary>
/// Grades one submission; if manual items remain, waits for the <see cref="ReviewCompletedEvent"/> racing a
/// reminder timer (each timeout reminds the course's teachers, and after N reminders escalates to the tenant
/// admins too, then keeps waiting); then releases it if its assessment's policy says the time has come.
/// An event raised before the wait begins is buffered by the engine; one that never arrives (raised while the
/// instance was gone) is caught by the reminder step, which reads the submission and ends the wait once graded.
/// The auto-grade step itself releases when the policy is already due (immediate release: one step in all).
/// </summary>
public sealed class GradeSubmissionOrchestrator : TaskOrchestrator<GradeSubmissionInput, GradingResult>
{
    private static readonly TaskOptions Retry = TaskOptions.FromRetryPolicy(new RetryPolicy(5, TimeSpan.FromMilliseconds(200), backoffCoefficient: 2));

    public override async Task<GradingResult> RunAsync(TaskOrchestrationContext context, GradeSubmissionInput input)
    {
        var logger = context.CreateReplaySafeLogger<GradeSubmissionOrchestrator>();
        // A batch already graded it and left it awaiting review: no second auto-grade step (one durable action fewer, and no
        // re-grade racing whatever happened to the submission since the batch).
        var graded = input.AlreadyGraded
            ? new GradingResult(input.SubmissionId, SubmissionStatus.AwaitingReview, null, 0)
            : await context.CallActivityAsync<GradingResult>(nameof(AutoGradeSubmissionActivity), input, Retry);
        if (graded.Status == SubmissionStatus.AwaitingReview)
        {
            graded = await AwaitReviewAsync(context, input, logger);
        }

        if (graded.Status != SubmissionStatus.Graded)
        {
            logger.LogInformation("Submission {SubmissionId} is {Status}; no release step", input.SubmissionId, graded.Status.Wire());
            return graded;
        }

        return await context.CallActivityAsync<GradingResult>(nameof(ReleaseIfDueActivity), input, Retry);
    }

    private static async Task<GradingResult> AwaitReviewAsync(TaskOrchestrationContext context, GradeSubmissionInput input, ILogger logger)
    {
        var after = input.ReviewReminderAfter ?? ReviewReminderSettings.Default.ReminderAfter;
        var escalateAfter = input.RemindersBeforeEscalation ?? ReviewReminderSettings.Default.RemindersBeforeEscalation;
        var reviewed = context.WaitForExternalEvent<ReviewCompletedEvent>(ReviewCompletedEvent.Name);
        for (var reminder = 1; ; reminder++)
        {
            using var timerCancel = new CancellationTokenSource();
            var timer = context.CreateTimer(context.CurrentUtcDateTime.Add(after), timerCancel.Token);
            if (await Task.WhenAny(reviewed, timer) == reviewed)
            {
                // Synchronous on purpose: CancelAsync would run the timer's cancellation off the orchestration's thread.
#pragma warning disable CA1849
                timerCancel.Cancel();
#pragma warning restore CA1849
                logger.LogInformation("Review of {SubmissionId} completed", input.SubmissionId);
                return new GradingResult(input.SubmissionId, SubmissionStatus.Graded, null, 0);
            }

            var state = await context.CallActivityAsync<GradingResult>(nameof(RemindReviewActivity),
                new ReviewReminderInput(input.TenantId, input.SubmissionId, reminder, reminder > escalateAfter), Retry);
            if (state.Status != SubmissionStatus.AwaitingReview)
            {
                return state;
            }
        }
    }
}
