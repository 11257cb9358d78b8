using System.Net;
using System.Net.Sockets;
using EdTech.Application;
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
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Moq;

namespace EdTech.Orchestrations.Tests.Tagging;

/// <summary>The tagging orchestration on the in-process durable host, real SQLite store, mocked chat model.</summary>
public sealed class TaggingJobOrchestratorTests : IAsyncLifetime
{
    private static readonly TenantId Tenant = new("school-t");
    private readonly TempSqliteStore _temp = new("edt-tag");
    private readonly Mock<IChatClient> _chat = new();
    private SqliteDocumentStore _sqlite = null!;
    private ChunkFailingStore _store = null!;
    private DurableTaskTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _sqlite = _temp.Store;
        _store = new ChunkFailingStore(_sqlite);
        _chat.Setup(c => c.GetResponseAsync(It.IsAny<IEnumerable<ChatMessage>>(), It.IsAny<ChatOptions>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new ChatResponse(new ChatMessage(ChatRole.Assistant, """{"tags":["equations","algebra"],"difficulty":"medium","rationale":"r"}""")));
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
                services.AddSingleton<IDocumentStore>(_store);
                services.AddSingleton(_chat.Object);
                services.AddEdTechApplication();
                services.AddEdTechTagging();
            },
        });
        var items = Enumerable.Range(1, 7).Select(i => new AssessmentItem($"q{i}", "short-text", $"Solve {i}x = {i}", null, null, null, 1, ["equations"])).ToList();
        var assessment = new Assessment("a1", "c1", "Quiz", DateTimeOffset.UtcNow.AddDays(1), 0, null, null, new ReleasePolicy(ReleasePolicy.Immediate, null), items);
        await _sqlite.CreateAsync(Tenant, new AssessmentRecord("a1", "c1", 1, assessment, "t1", DateTimeOffset.UtcNow));
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _temp.DisposeAsync();
    }

    [Fact]
    public async Task Job_FansOutChunks_StoresEverySuggestion_AndCompletes()
    {
        var (metadata, job) = await RunAsync("job-ok");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, metadata.RuntimeStatus);
        Assert.Equal(new TaggingJobResult("job-ok", 7, 0), metadata.ReadOutputAs<TaggingJobResult>());
        Assert.Equal(TaggingJobStatus.Completed, job.Status);
        var view = await new GetTaggingJobHandler(_sqlite).HandleAsync(new Application.Common.Caller(Tenant, "c1", new HashSet<string>()), "job-ok", null, null, CancellationToken.None);
        Assert.Equal(7, view.Value!.Items.Count);
        Assert.All(view.Value.Items, i => Assert.Equal(["equations"], i.SuggestedTags));
        // The seeded taxonomy holds only the items' own skill ("equations"), so the model's "algebra" is dropped and counted.
        Assert.All(view.Value.Items, i => Assert.Equal(1, i.Suggestion!.Dropped));
    }

    [Fact]
    public async Task Job_OfThreePages_ContinuesAsNewPerPage_FoldsEveryPage_AndCompletes()
    {
        // 7 items in pages of 3 (3, 3, 1) and chunks of 2, at most 2 chunks in flight: three executions of the orchestration.
        var (metadata, job) = await RunAsync("job-pages", pageSize: 3, chunkSize: 2);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, metadata.RuntimeStatus);
        Assert.Equal(new TaggingJobResult("job-pages", 7, 0), metadata.ReadOutputAs<TaggingJobResult>());
        Assert.Equal((TaggingJobStatus.Completed, 3, 7, 0), (job.Status, job.PagesDone, job.ItemsDone, job.ItemsFailed));
        Assert.Null(job.Tallies);
        var view = (await new GetTaggingJobHandler(_sqlite).HandleAsync(new Application.Common.Caller(Tenant, "c1", new HashSet<string>()), "job-pages", null, null, CancellationToken.None)).Value!;
        Assert.Equal(Enumerable.Range(1, 7).Select(i => $"q{i}"), view.Items.Select(i => i.ItemId));
        Assert.Equal((7, 7, 0), (view.Total, view.Done, view.Failed));
    }

    [Fact]
    public async Task StepFailingPastItsRetries_MarksTheJobFailed_AndTheOrchestrationFails()
    {
        _store.FailChunkWrites = true;

        var (metadata, job) = await RunAsync("job-bad");

        Assert.Equal(OrchestrationRuntimeStatus.Failed, metadata.RuntimeStatus);
        Assert.Equal(TaggingJobStatus.Failed, job.Status);
        Assert.Contains("chunk store down", job.Error, StringComparison.Ordinal);
        Assert.NotNull(job.FinishedAt);
    }

    private async Task<(OrchestrationMetadata Metadata, TaggingJobRecord Job)> RunAsync(
        string jobId, int pageSize = TaggingJobRecord.DefaultPageSize, int chunkSize = TaggingJobRecord.DefaultChunkSize)
    {
        var items = Enumerable.Range(1, 7).Select(i => new TaggingItemRef("a1", $"q{i}")).ToList();
        foreach (var (refs, page) in items.Chunk(pageSize).Select((refs, page) => (refs, page)))
        {
            await _sqlite.ReplaceAsync(Tenant, new TaggingPageRecord(TaggingPageRecord.IdFor(jobId, page), jobId, page, refs), ifMatch: null);
        }

        await _sqlite.CreateAsync(Tenant, new TaggingJobRecord(jobId, TaggingJobStatus.Queued, "c1", items.Count, pageSize, chunkSize, "c1", DateTimeOffset.UtcNow));
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var input = new TaggingJobInput(Tenant, jobId, items.Count, pageSize, chunkSize, MaxConcurrentChunks: 2);
        var id = await _host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(TaggingJobOrchestrator), input, new StartOrchestrationOptions(input.InstanceId), cts.Token);
        var metadata = await _host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, cts.Token);
        return (metadata, (await _sqlite.GetAsync<TaggingJobRecord>(Tenant, jobId))!.Value);
    }

    /// <summary>Forwards to the real store; while <see cref="FailChunkWrites"/> is set, writing a chunk's suggestions throws.</summary>
    private sealed class ChunkFailingStore(IDocumentStore inner) : IDocumentStore
    {
        public bool FailChunkWrites { get; set; }

        public Task<StoredDocument?> GetAsync(TenantId tenant, string container, string id, CancellationToken cancellationToken = default) =>
            inner.GetAsync(tenant, container, id, cancellationToken);

        public Task<WriteResult> CreateAsync(TenantId tenant, string container, string id, string partition, string json, CancellationToken cancellationToken = default) =>
            inner.CreateAsync(tenant, container, id, partition, json, cancellationToken);

        public Task<WriteResult> ReplaceAsync(TenantId tenant, string container, string id, string partition, string json, string? ifMatch, CancellationToken cancellationToken = default) =>
            FailChunkWrites && id.Contains(".chunk-", StringComparison.Ordinal)
                ? throw new IOException("chunk store down")
                : inner.ReplaceAsync(tenant, container, id, partition, json, ifMatch, cancellationToken);

        public Task<bool> DeleteAsync(TenantId tenant, string container, string id, string? ifMatch = null, CancellationToken cancellationToken = default) =>
            inner.DeleteAsync(tenant, container, id, ifMatch, cancellationToken);

        public Task<IReadOnlyList<StoredDocument>> QueryAsync(TenantId tenant, string container, DocumentQuery query, CancellationToken cancellationToken = default) =>
            inner.QueryAsync(tenant, container, query, cancellationToken);
    }
}
