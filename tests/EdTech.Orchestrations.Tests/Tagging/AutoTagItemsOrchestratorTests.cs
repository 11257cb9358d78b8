using System.Net;
using System.Net.Sockets;
using EdTech.Application;
using EdTech.Application.Content.Suggestions;
using EdTech.Application.Content.Tagging;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Assessments;
using EdTech.Domain.Tenancy;
using EdTech.Infrastructure.Storage.Sqlite;
using EdTech.Infrastructure.Tagging;
using EdTech.Orchestrations.Tagging;
using EdTech.Testing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EdTech.Orchestrations.Tests.Tagging;

/// <summary>The change-feed tagging run on the in-process durable host, real SQLite store, offline tagger.</summary>
public sealed class AutoTagItemsOrchestratorTests : IAsyncLifetime
{
    private static readonly TenantId Tenant = new("school-auto");
    private readonly TempSqliteStore _temp = new("edt-autotag");
    private SqliteDocumentStore _sqlite = null!;
    private DurableTaskTestHost _host = null!;
    private AssessmentRecord _quiz = null!;

    public async Task InitializeAsync()
    {
        _sqlite = _temp.Store;
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        _host = await DurableTaskTestHost.StartAsync(OrchestrationCatalog.Register, new DurableTaskTestHostOptions
        {
            Port = port,
            ConfigureServices = services =>
            {
                services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
                services.AddSingleton<IDocumentStore>(_sqlite);
                services.AddEdTechApplication();
                services.AddEdTechTagging();
            },
        });
        var items = Enumerable.Range(1, 25).Select(i => new AssessmentItem($"q{i}", "short-text", $"Solve {i}x = {i}", null, null, null, 1, ["equations"])).ToList();
        _quiz = new AssessmentRecord("a1", "c1", 1, new Assessment("a1", "c1", "Quiz", DateTimeOffset.UtcNow.AddDays(1), 0, null, null, new ReleasePolicy(ReleasePolicy.Immediate, null), items), "t1", DateTimeOffset.UtcNow);
        await _sqlite.CreateAsync(Tenant, _quiz);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _temp.DisposeAsync();
    }

    [Fact]
    public async Task Run_WaitsOutTheDebounce_ThenTagsEveryChangedItemInChunks_AndASecondRunOfTheSameContentTagsNothing()
    {
        var items = _quiz.Assessment.Items.Select(i => new ItemContent(i.Id, ItemContentHash.Of(i))).ToList();

        var first = await RunAsync(new AutoTagItemsInput(Tenant, "a1", "change-1", items, DebounceSeconds: 3));
        var second = await RunAsync(new AutoTagItemsInput(Tenant, "a1", "change-2", items, DebounceSeconds: 0));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, first.RuntimeStatus);
        Assert.Equal(new AutoTagItemsResult(25, 0), first.ReadOutputAs<AutoTagItemsResult>());
        Assert.True(first.LastUpdatedAt - first.CreatedAt >= TimeSpan.FromSeconds(3), "the run tags only after its debounce");
        Assert.Equal(new AutoTagItemsResult(0, 0), second.ReadOutputAs<AutoTagItemsResult>());
        var stored = await _sqlite.QueryAsync<ItemSuggestionRecord>(Tenant, DocumentQuery.Where("assessmentId", "a1", partition: "c1"));
        Assert.Equal(25, stored.Count);
        Assert.All(stored, s => Assert.Equal(["equations"], s.Value.SuggestedSkillIds));
    }

    [Fact]
    public void InstanceId_StartsWithTheTenant_AndNamesTheChange() =>
        Assert.Equal("school-auto:auto-tag:a1:k1", new AutoTagItemsInput(Tenant, "a1", "k1", [], 0).InstanceId);

    private async Task<OrchestrationMetadata> RunAsync(AutoTagItemsInput input)
    {
        var id = await _host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(AutoTagItemsOrchestrator), input, new StartOrchestrationOptions(input.InstanceId));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        return await _host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);
    }
}
