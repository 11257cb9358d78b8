using System.Text;
using EdTech.Application.Assessments;
using EdTech.Application.Audit;
using EdTech.Application.Common;
using EdTech.Application.Content.Suggestions;
using EdTech.Application.Content.Tagging;
using EdTech.Application.Content.Tagging.AutoTagging;
using EdTech.Application.Content.Taxonomy;
using EdTech.Application.Outbox;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Assessments;
using EdTech.Domain.Tenancy;
using EdTech.Infrastructure.Storage.Sqlite;
using EdTech.Infrastructure.Tagging;
using EdTech.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace EdTech.Application.Tests.Content;

/// <summary>
/// Tagging jobs at scale on SQLite: a 100,000-item course job is accepted as page records (no document, no step input
/// holds every item), progress is counted per chunk and never twice, and GET pages the job's items.
/// </summary>
public sealed class TaggingJobScaleTests : IAsyncLifetime
{
    private static readonly TenantId Tenant = new("school-scale");
    private static readonly Caller Author = new(Tenant, "author-1", new HashSet<string> { Roles.ContentAuthor });
    private readonly TempSqliteStore _temp = new("edtech-tagscale");
    private ServiceProvider _services = null!;

    private IDocumentStore Store => _services.GetRequiredService<IDocumentStore>();

    private TaggingJobSteps Steps => _services.GetRequiredService<TaggingJobSteps>();

    public Task InitializeAsync()
    {
        _services = new ServiceCollection()
            .AddLogging()
            .AddSqliteDocumentStore(_temp.Options)
            .AddSingleton(TimeProvider.System)
            .AddSingleton<ISkillTagger, OfflineSkillTagger>()
            .AddSingleton<SkillTaxonomyStore>().AddSingleton<ItemSuggestions>().AddSingleton<TaggingFeatures>().AddSingleton<AssessmentLookup>()
            .AddSingleton<IntegrationEventOutbox>().AddSingleton<IAuditLog, AuditLog>()
            .AddSingleton<TaggingJobSteps>().AddSingleton<StartTaggingJobHandler>().AddSingleton<GetTaggingJobHandler>()
            .BuildServiceProvider();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _temp.DisposeAsync();
    }

    [Fact]
    public async Task Start_CourseOf100000Items_IsAccepted_AsPageRecords_NoDocumentHoldsEveryItem()
    {
        await CourseAsync("big", assessments: 100, itemsEach: 1000);

        var accepted = await _services.GetRequiredService<StartTaggingJobHandler>().HandleAsync(Author, new StartTaggingJobCommand("big", null, null), CancellationToken.None);

        var jobId = accepted.Value!.JobId;
        var jobDoc = (await Store.GetAsync(Tenant, Containers.TaggingJobs, jobId))!;
        var job = TypedDocumentStore.Read<TaggingJobRecord>(jobDoc).Value;
        Assert.Equal((100_000, 100, TaggingJobStatus.Queued), (job.Total, job.Pages, job.Status));
        Assert.True(Encoding.UTF8.GetByteCount(jobDoc.Json) < 1024, $"the job record is {jobDoc.Json.Length} chars");
        var seen = new List<TaggingItemRef>();
        var largest = 0;
        for (var page = 0; page < job.Pages; page++)
        {
            var doc = (await Store.GetAsync(Tenant, Containers.TaggingJobs, TaggingPageRecord.IdFor(jobId, page)))!;
            largest = Math.Max(largest, Encoding.UTF8.GetByteCount(doc.Json));
            var refs = TypedDocumentStore.Read<TaggingPageRecord>(doc).Value.Items;
            Assert.Equal(TaggingJobRecord.DefaultPageSize, refs.Count);
            seen.AddRange(refs);
        }

        // A page is ~1/100 of the job: far below Cosmos' 2 MB item limit, where one document of every ref would not be.
        Assert.InRange(largest, 1, 200 * 1024);
        Assert.Equal(100_000, seen.Distinct().Count());
        Assert.Equal(("a000", "a000-i0000"), (seen[0].AssessmentId, seen[0].ItemId));
        Assert.Equal(("a099", "a099-i0999"), (seen[^1].AssessmentId, seen[^1].ItemId));
        Assert.Null(await Store.GetAsync(Tenant, Containers.TaggingJobs, TaggingPageRecord.IdFor(jobId, job.Pages)));
    }

    [Fact]
    public async Task Start_CourseOverTheLimit_Is422NamingCourseId_AndLeavesNoPageBehind()
    {
        await CourseAsync("huge", assessments: 100, itemsEach: 1000);
        await AssessmentAsync("huge", "a100", 1);

        var outcome = await _services.GetRequiredService<StartTaggingJobHandler>().HandleAsync(Author, new StartTaggingJobCommand("huge", null, null), CancellationToken.None);

        Assert.Equal(ProblemKind.Validation, outcome.Problem!.Kind);
        Assert.Contains("courseId", outcome.Problem.Errors!.Keys);
        Assert.Empty(await Store.QueryAsync(Tenant, Containers.TaggingJobs, DocumentQuery.All));
    }

    [Fact]
    public async Task TagChunk_LoadsOnlyItsSlice_ReplayedChunkIsCountedOnce_AndTheFoldIsIdempotent()
    {
        var jobId = await SmallJobAsync(items: 12, missing: "a000-i0007");

        var first = await Steps.TagChunkAsync(Tenant, jobId, 0, 0, CancellationToken.None);
        await Steps.TagChunkAsync(Tenant, jobId, 0, 0, CancellationToken.None); // the durable engine ran it again
        var second = await Steps.TagChunkAsync(Tenant, jobId, 0, 1, CancellationToken.None);

        Assert.Equal(new TaggingProgress(5, 0), first);
        Assert.Equal(new TaggingProgress(5, 1), second);
        var running = await ViewAsync(jobId);
        Assert.Equal((12, 10, 1), (running.Total, running.Done, running.Failed));
        Assert.True(running.Done < running.Total);
        Assert.Equal(["a000-i0007"], running.Failures.Select(f => f.ItemId));
        Assert.Equal("The item no longer exists.", running.Failures[0].Reason);

        await Steps.TagChunkAsync(Tenant, jobId, 0, 2, CancellationToken.None);
        Assert.Equal(new TaggingProgress(12, 1), await Steps.FinishPageAsync(Tenant, jobId, 0, CancellationToken.None));
        Assert.Equal(new TaggingProgress(12, 1), await Steps.FinishPageAsync(Tenant, jobId, 0, CancellationToken.None));
        await Steps.TagChunkAsync(Tenant, jobId, 0, 1, CancellationToken.None); // a late replay after the fold

        var job = (await Store.GetAsync<TaggingJobRecord>(Tenant, jobId))!.Value;
        Assert.Equal((1, 12, 1), (job.PagesDone, job.ItemsDone, job.ItemsFailed));
        var done = await ViewAsync(jobId);
        Assert.Equal((12, 12, 1), (done.Total, done.Done, done.Failed));
        Assert.Equal(12, done.Items.Count);
    }

    [Fact]
    public async Task Get_PagesTheJobsItems_InJobOrder_WithNextTokens()
    {
        var jobId = await SmallJobAsync(items: 12);
        for (var chunk = 0; chunk < 3; chunk++)
        {
            await Steps.TagChunkAsync(Tenant, jobId, 0, chunk, CancellationToken.None);
        }

        var ids = new List<string>();
        string? next = null;
        var pages = 0;
        do
        {
            var page = await ViewAsync(jobId, "5", next);
            ids.AddRange(page.Items.Select(i => i.ItemId));
            Assert.True(page.Items.Count <= 5);
            next = page.Next;
            pages++;
        }
        while (next is not null && pages < 10);

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Range(0, 12).Select(i => $"a000-i{i:D4}"), ids);
    }

    [Theory]
    [InlineData("0", null, "limit")]
    [InlineData("201", null, "limit")]
    [InlineData(null, "!!", "next")]
    [InlineData(null, "OTk5", "next")] // "999": past the job's end
    [InlineData(null, "YWJj", "next")] // "abc": not a position
    public async Task Get_BadPaging_Is422NamingTheField(string? limit, string? next, string field)
    {
        var jobId = await SmallJobAsync(items: 12);

        var outcome = await _services.GetRequiredService<GetTaggingJobHandler>().HandleAsync(Author, jobId, limit, next, CancellationToken.None);

        Assert.Equal(ProblemKind.Validation, outcome.Problem!.Kind);
        Assert.Equal([field], outcome.Problem.Errors!.Keys);
    }

    private async Task<TaggingJobView> ViewAsync(string jobId, string? limit = null, string? next = null) =>
        (await _services.GetRequiredService<GetTaggingJobHandler>().HandleAsync(Author, jobId, limit, next, CancellationToken.None)).Value!;

    /// <summary>A job of <paramref name="items"/> items of one assessment; <paramref name="missing"/> is asked for but deleted since.</summary>
    private async Task<string> SmallJobAsync(int items, string? missing = null)
    {
        await Store.ReplaceAsync(Tenant, new CourseRecord("small", "Small", DateTimeOffset.UnixEpoch), ifMatch: null);
        await AssessmentAsync("small", "a000", items, skip: missing);
        var ids = Enumerable.Range(0, items).Select(i => $"a000-i{i:D4}").ToList();
        var outcome = await _services.GetRequiredService<StartTaggingJobHandler>().HandleAsync(Author, new StartTaggingJobCommand(null, ids, "a000"), CancellationToken.None);
        Assert.Null(outcome.Problem);
        if (missing is not null)
        {
            await AssessmentAsync("small", "a000", items, skip: missing, drop: true);
        }

        return outcome.Value!.JobId;
    }

    private async Task CourseAsync(string courseId, int assessments, int itemsEach)
    {
        await Store.ReplaceAsync(Tenant, new CourseRecord(courseId, courseId, DateTimeOffset.UnixEpoch), ifMatch: null);
        for (var a = 0; a < assessments; a++)
        {
            await AssessmentAsync(courseId, $"a{a:D3}", itemsEach);
        }
    }

    private Task AssessmentAsync(string courseId, string id, int items, string? skip = null, bool drop = false)
    {
        var list = Enumerable.Range(0, items).Select(i => $"{id}-i{i:D4}").Where(itemId => !drop || itemId != skip)
            .Select(itemId => new AssessmentItem(itemId, ItemType.ShortText, "What is 2 + 2?", null, AnswerValue.OfText("4"), null, 1, ["arithmetic"])).ToList();
        var assessment = new Assessment(id, courseId, id, DateTimeOffset.Parse("2030-01-01T00:00:00Z", null), 0, null, null, new ReleasePolicy(ReleasePolicy.Manual, null), list);
        return Store.ReplaceAsync(Tenant, new AssessmentRecord(id, courseId, 1, assessment, "t1", DateTimeOffset.UnixEpoch), ifMatch: null);
    }
}
