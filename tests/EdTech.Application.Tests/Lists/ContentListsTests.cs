using EdTech.Domain.Serialization;
using EdTech.Application.Common;
using EdTech.Application.Lists.Content;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Application.Tests.Submissions;
using EdTech.Domain.Simulation;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Tests.Lists;

/// <summary>The content lists on SQLite: tagging jobs (never their page or chunk records) and simulations, paged, filtered by status.</summary>
public sealed class ContentListsTests : IAsyncLifetime
{
    private static readonly TenantId Tenant = SubmitWorld.Tenant;
    private static readonly TenantId Other = new("school-b");
    private readonly SubmitWorld _world = new();

    public Task InitializeAsync() => _world.InitializeAsync();

    public Task DisposeAsync() => _world.DisposeAsync();

    private static Caller Author => new(Tenant, "author1", new HashSet<string> { Roles.ContentAuthor });

    private ListTaggingJobsHandler Jobs => new(_world.Store);

    private ListSimulationsHandler Simulations => new(_world.Store);

    private static async Task<List<Page<T>>> AllPagesAsync<T>(Func<string?, Task<Outcome<Page<T>>>> read)
    {
        var pages = new List<Page<T>>();
        string? next = null;
        do
        {
            var outcome = await read(next);
            Assert.Null(outcome.Problem);
            pages.Add(outcome.Value!);
            next = outcome.Value!.Next;
        }
        while (next is not null && pages.Count < 50);
        return pages;
    }

    private async Task AddJobAsync(TenantId tenant, string id, TaggingJobStatus status)
    {
        await _world.Store.CreateAsync(tenant, new TaggingJobRecord(id, status, SubmitWorld.Course, 12, 10, 5, "author1", SubmitWorld.Due, ItemsDone: 10, ItemsFailed: 1,
            Tallies: [new TaggingChunkTally(0, 2, 0)]));
        await _world.Store.CreateAsync(tenant, new TaggingPageRecord(TaggingPageRecord.IdFor(id, 0), id, 0, [new TaggingItemRef("quiz1", "q1")]));
        await _world.Store.CreateAsync(tenant, new TaggingChunkRecord(TaggingChunkRecord.IdFor(id, 0, 0), id, 0, 0, []));
    }

    [Fact]
    public async Task TaggingJobs_PagedByTwo_OnlyJobRecords_WithProgress_OnlyTheCallersTenant()
    {
        foreach (var (id, status) in new[] { ("j1", TaggingJobStatus.Completed), ("j2", TaggingJobStatus.Running), ("j3", TaggingJobStatus.Failed), ("j4", TaggingJobStatus.Completed) })
        {
            await AddJobAsync(Tenant, id, status);
        }

        await AddJobAsync(Other, "j0", TaggingJobStatus.Completed);

        var pages = await AllPagesAsync(next => Jobs.HandleAsync(Author, null, "2", next, CancellationToken.None));
        var completed = (await Jobs.HandleAsync(Author, TaggingJobStatus.Completed.Wire(), null, null, CancellationToken.None)).Value!;

        Assert.Equal(["j1", "j2", "j3", "j4"], pages.SelectMany(p => p.Items).Select(j => j.JobId));
        Assert.Equal([2, 2], pages.Select(p => p.Items.Count));
        Assert.Equal((12, 12, 1), (pages[0].Items[0].Total, pages[0].Items[0].Done, pages[0].Items[0].Failed));
        Assert.Equal(["j1", "j4"], completed.Items.Select(j => j.JobId));
    }

    [Fact]
    public async Task Simulations_PagedByOne_FilteredByStatus_OnlyTheCallersTenant()
    {
        foreach (var (tenant, id, status) in new[] { (Tenant, "sim-b", SimulationStatus.Running), (Tenant, "sim-a", SimulationStatus.Completed), (Tenant, "sim-c", SimulationStatus.Completed), (Other, "sim-0", SimulationStatus.Completed) })
        {
            await _world.Store.CreateAsync(tenant, new SimulationRecord(id, status, SubmitWorld.Course, 100, 7, new CourseChange(), "author1", SubmitWorld.Due));
        }

        var pages = await AllPagesAsync(next => Simulations.HandleAsync(Author, null, "1", next, CancellationToken.None));
        var completed = (await Simulations.HandleAsync(Author, SimulationStatus.Completed.Wire(), null, null, CancellationToken.None)).Value!;

        Assert.Equal(["sim-a", "sim-b", "sim-c"], pages.SelectMany(p => p.Items).Select(s => s.SimulationId));
        Assert.Equal(new SimulationListItem("sim-a", SimulationStatus.Completed, SubmitWorld.Course, 100, 7, "author1", SubmitWorld.Due, null, null), pages[0].Items[0]);
        Assert.Equal(["sim-a", "sim-c"], completed.Items.Select(s => s.SimulationId));
    }

    [Theory]
    [InlineData("0", null, null, "limit")]
    [InlineData("abc", null, null, "limit")]
    [InlineData(null, "%%%", null, "next")]
    [InlineData(null, null, "done", "status")]
    public async Task ContentLists_BadLimitNextOrStatus_Is422NamingIt(string? limit, string? next, string? status, string field)
    {
        var problems = new[]
        {
            (await Jobs.HandleAsync(Author, status, limit, next, CancellationToken.None)).Problem,
            (await Simulations.HandleAsync(Author, status, limit, next, CancellationToken.None)).Problem,
        };

        Assert.All(problems, p => Assert.Equal((ProblemKind.Validation, true), (p!.Kind, p.Errors!.ContainsKey(field))));
    }
}
