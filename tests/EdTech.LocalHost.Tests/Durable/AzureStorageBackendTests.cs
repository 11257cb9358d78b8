using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;
using EdTech.LocalHost.Durable;
using EdTech.LocalHost.Tests.Process;
using Microsoft.DurableTask.Client;

namespace EdTech.LocalHost.Tests.Durable;

/// <summary>The engine on DurableTask.AzureStorage (Azurite): one LocalHost owns its hub, whatever the hub's app lease says.</summary>
public sealed class AzureStorageBackendTests
{
    // Well under the app lease's 5-minute acquire interval, well over a first orchestration on a loaded machine (about 10 s).
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    /// <summary>
    /// With the app lease in use, a hub whose lease the host cannot take (here another app holds it; in the failures seen, a
    /// lease-info blob that could not be read) owns no partition and dequeues no activity, and the next try comes 5 minutes
    /// later: the first grading of a fresh hub stood still for minutes. Without it, the host runs its hub at once.
    /// </summary>
    [AzuriteFact]
    public async Task AppLeaseHeldByAnotherApp_OrchestrationsStillRun()
    {
        var hub = "lease" + Guid.NewGuid().ToString("N")[..10];
        var appLease = new BlobContainerClient(AzuriteFactAttribute.ConnectionString, hub + "-applease");
        await appLease.CreateIfNotExistsAsync();
        await appLease.GetBlobLeaseClient(Guid.NewGuid().ToString()).AcquireAsync(TimeSpan.FromSeconds(60));

        await using var host = await DurableTestHost.StartAsync(engine: data => new LocalDurableEngineOptions(data)
        {
            AzureStorageConnectionString = AzuriteFactAttribute.ConnectionString,
            TaskHubName = hub,
        });
        using var cts = new CancellationTokenSource(Patience);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(GreetingOrchestrator), new GreetingRequest("Ada", 21), cts.Token);
        var result = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, cts.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal("Hello, Ada (42)", result.ReadOutputAs<string>());
    }
}
