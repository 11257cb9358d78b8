using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace EdTech.Orchestrations.Hosting;

public static class DurableClientExtensions
{
    // Every status, terminal ones included: a finished instance with this id is also "already done",
    // so re-driving (change-feed replay, start-up recovery) never reruns or replaces it.
    private static readonly OrchestrationRuntimeStatus[] AnyExistingStatus =
        [.. StartOrchestrationOptionsExtensions.ValidDedupeStatuses];

    /// <summary>
    /// Schedules <paramref name="name"/> under a caller-chosen instance id. Returns false when an instance
    /// with that id already exists in any state, which idempotent callers treat as success.
    /// </summary>
    public static async Task<bool> TryScheduleAsync(
        this DurableTaskClient client,
        TaskName name,
        object input,
        string instanceId,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);

        // Without dedupe statuses the backends silently replace an existing instance instead of refusing.
        var options = new StartOrchestrationOptions(instanceId).WithDedupeStatuses(AnyExistingStatus);
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(name, input, options, ct);
            return true;
        }
        catch (OrchestrationAlreadyExistsException)
        {
            // The gRPC client maps the sidecar's StatusCode.AlreadyExists to this exception.
            return false;
        }
    }
}
