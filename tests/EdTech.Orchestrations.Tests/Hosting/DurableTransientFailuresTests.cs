using EdTech.Orchestrations.Hosting;
using Grpc.Core;

namespace EdTech.Orchestrations.Tests.Hosting;

public sealed class DurableTransientFailuresTests
{
    [Theory]
    [InlineData(StatusCode.Unavailable, true)]
    [InlineData(StatusCode.DeadlineExceeded, true)]
    [InlineData(StatusCode.ResourceExhausted, true)]
    [InlineData(StatusCode.InvalidArgument, false)]
    [InlineData(StatusCode.NotFound, false)]
    public void IsTransient_EngineUnavailableOrThrottling_RetriesOtherwiseCounts(StatusCode status, bool transient)
    {
        Assert.Equal(transient, new DurableTransientFailures().IsTransient(new RpcException(new Status(status, "engine"))));
        Assert.False(new DurableTransientFailures().IsTransient(new InvalidOperationException("no client bound")));
    }
}
