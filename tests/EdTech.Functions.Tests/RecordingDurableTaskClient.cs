using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace EdTech.Functions.Tests;

/// <summary>
/// Stands in for the value the Functions host passes as the [DurableClient] binding: records what is scheduled
/// and which events are raised; answers instance queries from what it scheduled.
/// </summary>
internal sealed class RecordingDurableTaskClient() : DurableTaskClient("recording")
{
    private readonly List<(TaskName Name, string InstanceId, object? Input)> _scheduled = [];

    public IReadOnlyList<(TaskName Name, string InstanceId, object? Input)> Scheduled
    {
        get
        {
            lock (_scheduled)
            {
                return [.. _scheduled];
            }
        }
    }

    public override Task<string> ScheduleNewOrchestrationInstanceAsync(TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default)
    {
        var id = options?.InstanceId ?? Guid.NewGuid().ToString("N");
        lock (_scheduled)
        {
            _scheduled.Add((orchestratorName, id, input));
        }

        return Task.FromResult(id);
    }

    public override Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        Task.FromResult<OrchestrationMetadata?>(null);

    public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default) => throw new NotSupportedException();

    public override Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) => throw new NotSupportedException();

    public override Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) => throw new NotSupportedException();

    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) => throw new NotSupportedException();

    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) => throw new NotSupportedException();

    public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null) => throw new NotSupportedException();

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
