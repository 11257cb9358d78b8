using System.Collections.Concurrent;
using EdTech.Application.Grading;
using EdTech.Application.Grading.Release;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Tests.Grading;

/// <summary>
/// Stands in for the durable engine's starters (the engine is tested in EdTech.Orchestrations.Tests): records each
/// start, as the instance it names, so a test asserts which workflows the application asked for.
/// </summary>
public sealed class RecordingWorkflows : IReleaseWorkflow, IGradingWorkflow, IReleaseTimer
{
    private readonly ConcurrentQueue<string> _releases = new();
    private readonly ConcurrentQueue<string> _gradings = new();
    private readonly ConcurrentQueue<string> _timers = new();
    private readonly ConcurrentQueue<string> _batches = new();

    /// <summary>Release starts as "{tenant}:{assessmentId}:{generation}", in call order.</summary>
    public IReadOnlyList<string> Releases => [.. _releases];

    /// <summary>Grading starts as "{tenant}:{submissionId}".</summary>
    public IReadOnlyList<string> Gradings => [.. _gradings];

    /// <summary>Grading batches as "{tenant}:{id},{id},..." (ids in the order given).</summary>
    public IReadOnlyList<string> Batches => [.. _batches];

    /// <summary>Release timers as "{tenant}:{assessmentId}@{releaseAt:o}".</summary>
    public IReadOnlyList<string> Timers => [.. _timers];

    Task IReleaseWorkflow.StartAsync(TenantId tenant, string assessmentId, long generation, CancellationToken cancellationToken)
    {
        _releases.Enqueue($"{tenant.Value}:{assessmentId}:{generation}");
        return Task.CompletedTask;
    }

    Task IGradingWorkflow.StartAsync(TenantId tenant, string submissionId, CancellationToken cancellationToken)
    {
        _gradings.Enqueue($"{tenant.Value}:{submissionId}");
        return Task.CompletedTask;
    }

    Task IGradingWorkflow.StartBatchAsync(TenantId tenant, IReadOnlyList<string> submissionIds, CancellationToken cancellationToken)
    {
        _batches.Enqueue($"{tenant.Value}:{string.Join(',', submissionIds)}");
        return Task.CompletedTask;
    }

    Task IGradingWorkflow.NotifyReviewedAsync(TenantId tenant, string submissionId, CancellationToken cancellationToken) => Task.CompletedTask;

    Task IReleaseTimer.ScheduleAsync(TenantId tenant, string assessmentId, DateTimeOffset releaseAt, CancellationToken cancellationToken)
    {
        _timers.Enqueue($"{tenant.Value}:{assessmentId}@{releaseAt:o}");
        return Task.CompletedTask;
    }
}
