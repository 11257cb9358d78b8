using EdTech.Application.Grading;
using EdTech.Application.Grading.Release;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;
using EdTech.Orchestrations.Hosting;
using EdTech.Orchestrations.Regrade;
using EdTech.Orchestrations.Release;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace EdTech.Orchestrations.Tests.Steps;

/// <summary>
/// What the release and regrade starters schedule, under which tenant-first instance id (the durability contract:
/// the same request is the same instance), without the engine; Grading/ and Regrade/ start them on the real one.
/// </summary>
public sealed class ReleaseStartersStepTests
{
    private static readonly TenantId Tenant = new("school-1");
    private static readonly DateTimeOffset ReleaseAt = new(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void InstanceIds_AreTenantFirst_AndNameTheirSchedule()
    {
        Assert.Equal($"school-1:release-at:a-1:{ReleaseAt.UtcTicks}", new ReleaseAtInput(Tenant, "a-1", ReleaseAt).InstanceId);
        Assert.Equal("school-1:release:a-1:42", new ReleaseResultsInput(Tenant, "a-1").InstanceId(42));
        Assert.Equal("school-1:regrade:a-1:v3", new RegradeAssessmentInput(Tenant, "a-1", 3).InstanceId);
    }

    [Fact]
    public async Task ReleaseTimer_SchedulesReleaseAtUnderItsInstanceId()
    {
        var (source, started) = Recording();

        await new DurableReleaseTimer(source).ScheduleAsync(Tenant, "a-1", ReleaseAt, CancellationToken.None);

        var input = new ReleaseAtInput(Tenant, "a-1", ReleaseAt);
        Assert.Equal([(nameof(ReleaseAtOrchestrator), (object?)input, input.InstanceId)], started);
    }

    [Fact]
    public async Task ReleaseWorkflow_SchedulesReleaseResultsForTheGeneration_WithTheConfiguredPageSizeAndPagesInFlight()
    {
        var (source, started) = Recording();

        await new DurableReleaseWorkflow(source, new BulkPageSettings(17, 33, 5)).StartAsync(Tenant, "a-1", 42, CancellationToken.None);

        var input = new ReleaseResultsInput(Tenant, "a-1", 17, 5);
        Assert.Equal([(nameof(ReleaseResultsOrchestrator), (object?)input, input.InstanceId(42))], started);
    }

    [Fact]
    public async Task RegradeWorkflow_SchedulesTheVersionsRegrade_WithTheConfiguredPageSizeAndPagesInFlight()
    {
        var (source, started) = Recording();

        await new DurableRegradeWorkflow(source, new BulkPageSettings(17, 33, 5)).StartAsync(Tenant, "a-1", 3, CancellationToken.None);

        var input = new RegradeAssessmentInput(Tenant, "a-1", 3, 33, 5);
        Assert.Equal([(nameof(RegradeAssessmentOrchestrator), (object?)input, input.InstanceId)], started);
    }

    [Fact]
    public async Task ReleaseDueActivity_NullInput_ThrowsArgumentNull_BeforeTouchingTheStore()
    {
        var store = new Mock<IDocumentStore>(MockBehavior.Strict);
        var releaser = new DueResultsReleaser(store.Object, Mock.Of<IReleaseWorkflow>(MockBehavior.Strict), TimeProvider.System, NullLogger<DueResultsReleaser>.Instance);

        var thrown = await Assert.ThrowsAsync<ArgumentNullException>(() => new ReleaseDueAssessmentActivity(releaser).RunAsync(null!, null!));

        Assert.Equal("input", thrown.ParamName);
        store.VerifyNoOtherCalls();
    }

    private static (IDurableClientSource Source, List<(string Name, object? Input, string? InstanceId)> Started) Recording()
    {
        var started = new List<(string, object?, string?)>();
        var client = new Mock<DurableTaskClient>(MockBehavior.Strict, "recording");
        client.Setup(c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .Callback((TaskName name, object? input, StartOrchestrationOptions? options, CancellationToken _) => started.Add((name.Name, input, options?.InstanceId)))
            .ReturnsAsync((TaskName _, object? _, StartOrchestrationOptions? options, CancellationToken _) => options!.InstanceId!);
        return (new RegisteredDurableClientSource(client.Object), started);
    }
}
