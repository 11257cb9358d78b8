using EdTech.Application.Commands;
using EdTech.Application.Grading;
using EdTech.Application.Grading.Release;
using EdTech.Application.Learning.Calibration;
using Microsoft.Extensions.DependencyInjection;

namespace EdTech.Bff.Composition;

/// <summary>
/// Timer work, defined once: the Functions app runs each job from a TimerTrigger on the same app
/// setting ("%SETTING%"), the LocalHost from its Cronos scheduler. Schedules are six-field cron.
/// </summary>
public sealed record ScheduledJob(string Name, string ScheduleSetting, string DefaultSchedule, Func<IServiceProvider, CancellationToken, Task> RunAsync);

public static class ScheduledJobs
{
    /// <summary>
    /// The safety net for everything acknowledged: submissions whose grading never finished, then commands (release,
    /// regrade and calibration runs, tagging jobs) whose workflow never finished, both read from their durable records.
    /// </summary>
    public static ScheduledJob ReconcileGrading { get; } = new("ReconcileGrading", "RECONCILE_GRADING_SCHEDULE", "0 */5 * * * *",
        async (services, ct) =>
        {
            await services.GetRequiredService<UnfinishedGradingReconciler>().ReconcileAsync(ct).ConfigureAwait(false);
            await services.GetRequiredService<UnfinishedCommandReconciler>().ReconcileAsync(ct).ConfigureAwait(false);
        });

    /// <summary>afterDue and scheduled release (and any unfinished manual release): starts ReleaseResults where the release time has passed.</summary>
    public static ScheduledJob ReleaseDueResults { get; } = new("ReleaseDueResults", "RELEASE_DUE_SCHEDULE", "0 * * * * *",
        (services, ct) => services.GetRequiredService<DueResultsReleaser>().ReleaseDueAsync(ct));

    /// <summary>Hourly; each tenant whose local nightly hour (Release:NightlyHour, default 02:00) just passed gets the due-release sweep.</summary>
    public static ScheduledJob NightlyRelease { get; } = new("NightlyRelease", "NIGHTLY_RELEASE_SCHEDULE", "0 0 * * * *",
        (services, ct) => services.GetRequiredService<NightlyReleaser>().ReleaseAsync(ct));

    /// <summary>Nightly 2PL refit: starts CalibrateCourse per course (instance {tenant}:calibrate:{courseId}:{yyyyMMdd}).</summary>
    public static ScheduledJob CalibrateCourses { get; } = new("CalibrateCourses", "CALIBRATE_SCHEDULE", "0 30 2 * * *",
        (services, ct) => services.GetRequiredService<CalibrationScheduler>().StartAllAsync(ct));

    public static IReadOnlyList<ScheduledJob> All { get; } = [ReconcileGrading, ReleaseDueResults, NightlyRelease, CalibrateCourses];
}
