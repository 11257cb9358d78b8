using EdTech.Application.ChangeFeed;
using Grpc.Core;

namespace EdTech.Orchestrations.Hosting;

/// <summary>
/// The durable engine's failures that pass by themselves (the Durable Task Scheduler or the local sidecar is unavailable,
/// slow or throttling): a change-feed handler that starts a workflow then retries and never poisons the change.
/// </summary>
public sealed class DurableTransientFailures : ITransientFailures
{
    public bool IsTransient(Exception exception) =>
        exception is RpcException { StatusCode: StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.ResourceExhausted or StatusCode.Aborted };
}
