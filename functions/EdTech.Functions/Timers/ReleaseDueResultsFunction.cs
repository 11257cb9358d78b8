using EdTech.Application.Grading;
using EdTech.Application.Storage;
using EdTech.Orchestrations.Release;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace EdTech.Functions.Timers;

/// <summary>
/// Starts ReleaseResults for assessments whose afterDue/scheduled release time has passed.
/// Schedule from the app setting RELEASE_DUE_SCHEDULE (ScheduledJobs.ReleaseDueResults; the LocalHost runs the same job).
/// The durable client comes from the binding, so the releaser is built with it rather than taken from DI.
/// </summary>
public sealed class ReleaseDueResultsFunction(IDocumentStore store, TimeProvider clock, ILoggerFactory loggers)
{
    [Function("ReleaseDueResults")]
    public Task Run([TimerTrigger("%RELEASE_DUE_SCHEDULE%")] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken ct) =>
        new DueResultsReleaser(store, new DurableReleaseWorkflow(client), clock, loggers.CreateLogger<DueResultsReleaser>()).ReleaseDueAsync(ct);
}
