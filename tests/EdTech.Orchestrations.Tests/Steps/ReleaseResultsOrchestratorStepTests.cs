using EdTech.Application.Grading;
using EdTech.Application.Grading.Release;
using EdTech.Domain.Tenancy;
using EdTech.Orchestrations.Release;

namespace EdTech.Orchestrations.Tests.Steps;

/// <summary>
/// ReleaseResults' paging decisions (cursor, page size, several pages per listing, where the listing ends, one chunk per
/// page with its bounds, at most PagesInFlight chunks at once) step by step; Grading/ReleaseResultsOrchestratorTests runs it on the engine and the real store, retries included.
/// </summary>
public sealed class ReleaseResultsOrchestratorStepTests
{
    private static readonly TenantId Tenant = new("school-1");
    private const string InstanceId = "school-1:release:a-1:9";
    private const string Course = "algebra-1";

    [Fact]
    public async Task RunAsync_AssessmentGone_ReleasesNothing_AndListsNoPage()
    {
        var context = Context(Ids(5), courseId: null);

        var result = await new ReleaseResultsOrchestrator().RunAsync(context, new ReleaseResultsInput(Tenant, "a-1", 10));

        Assert.Equal(new ReleaseResultsResult("a-1", 0, 0), result);
        Assert.Equal([nameof(MarkAssessmentReleasedActivity)], context.Steps.Select(s => s.Name));
    }

    [Fact]
    public async Task RunAsync_25PendingInPagesOf10_OneListingOfThreePages_ReleasesThreePagesInOneActivityEach_WithTheirBounds()
    {
        var context = Context(Ids(25), courseId: Course);

        var result = await new ReleaseResultsOrchestrator().RunAsync(context, new ReleaseResultsInput(Tenant, "a-1", 10));

        Assert.Equal(new ReleaseResultsResult("a-1", 25, 25), result);
        Assert.Equal([nameof(MarkAssessmentReleasedActivity), nameof(ListReleasePageActivity), .. Enumerable.Repeat(nameof(ReleaseSubmissionsActivity), 3)],
            context.Steps.Select(s => s.Name));
        Assert.Equal([new ReleasePageInput(Tenant, Course, "a-1", null, 10, ReleaseResultsOrchestrator.PagesPerListing)],
            context.InputsOf<ReleasePageInput>(nameof(ListReleasePageActivity)));
        Assert.Equal(
            [new(Tenant, Course, "a-1", null, "s-010", 10), new(Tenant, Course, "a-1", "s-010", "s-020", 10), new ReleaseChunkInput(Tenant, Course, "a-1", "s-020", "s-025", 10)],
            context.InputsOf<ReleaseChunkInput>(nameof(ReleaseSubmissionsActivity)));
        Assert.All(context.Steps, s => Assert.True(s.Options?.Retry?.Policy?.MaxNumberOfAttempts > 1, $"{s.Name} retries"));
    }

    [Fact]
    public async Task RunAsync_ExactlyOneFullListingOfFullPages_ListsOnceMoreToFindTheEnd()
    {
        var pages = ReleaseResultsOrchestrator.PagesPerListing;
        var context = Context(Ids(pages * 2), courseId: Course);

        var result = await new ReleaseResultsOrchestrator().RunAsync(context, new ReleaseResultsInput(Tenant, "a-1", 2));

        Assert.Equal(new ReleaseResultsResult("a-1", pages * 2, pages * 2), result);
        Assert.Equal([null, $"s-{pages * 2:D3}"], context.InputsOf<ReleasePageInput>(nameof(ListReleasePageActivity)).Select(p => p.AfterId));
        Assert.Equal(pages, context.InputsOf<ReleaseChunkInput>(nameof(ReleaseSubmissionsActivity)).Count);
    }

    [Fact]
    public async Task RunAsync_AFullListingThenAShortOne_ContinuesAfterTheLastPage_AndStopsAtTheShortListing()
    {
        var pages = ReleaseResultsOrchestrator.PagesPerListing;
        var context = Context(Ids((pages * 2) + 1), courseId: Course);

        var result = await new ReleaseResultsOrchestrator().RunAsync(context, new ReleaseResultsInput(Tenant, "a-1", 2));

        Assert.Equal(new ReleaseResultsResult("a-1", (pages * 2) + 1, (pages * 2) + 1), result);
        Assert.Equal([null, $"s-{pages * 2:D3}"], context.InputsOf<ReleasePageInput>(nameof(ListReleasePageActivity)).Select(p => p.AfterId));
        var chunks = context.InputsOf<ReleaseChunkInput>(nameof(ReleaseSubmissionsActivity));
        Assert.Equal(pages + 1, chunks.Count);
        Assert.Equal(new ReleaseChunkInput(Tenant, Course, "a-1", $"s-{pages * 2:D3}", $"s-{(pages * 2) + 1:D3}", 2), chunks[^1]);
    }

    [Theory]
    [InlineData(null, ReleaseResultsOrchestrator.DefaultPagesInFlight)]
    [InlineData(0, ReleaseResultsOrchestrator.DefaultPagesInFlight)]
    [InlineData(1, 1)]
    [InlineData(3, 3)]
    public async Task RunAsync_PagesInFlight_NeverMoreChunksAtOnce_EachFinishedOneMakesRoomForTheNext(int? pagesInFlight, int cap)
    {
        // No synchronization context: completing a chunk runs the orchestrator on to its next await before SetResult returns.
        SynchronizationContext.SetSynchronizationContext(null);
        var ids = Ids(30);
        var inFlight = new List<(ReleaseChunkInput Chunk, TaskCompletionSource<int> Done)>();
        var maxInFlight = 0;
        var context = Context(ids, courseId: Course).OnPending<ReleaseChunkInput, int>(nameof(ReleaseSubmissionsActivity), c =>
        {
            var done = new TaskCompletionSource<int>();
            inFlight.Add((c, done));
            maxInFlight = Math.Max(maxInFlight, inFlight.Count);
            return done.Task;
        });

        var run = new ReleaseResultsOrchestrator().RunAsync(context, new ReleaseResultsInput(Tenant, "a-1", 1, pagesInFlight));
        Assert.Equal(Math.Min(cap, ids.Count), inFlight.Count);
        while (!run.IsCompleted && inFlight.Count > 0)
        {
            // Newest first: the window must not depend on the order chunks finish in.
            var (chunk, done) = inFlight[^1];
            inFlight.RemoveAt(inFlight.Count - 1);
            done.SetResult(Count(ids, chunk));
        }

        Assert.Equal(new ReleaseResultsResult("a-1", 30, 30), await run);
        Assert.Equal(Math.Min(cap, ids.Count), maxInFlight);
        Assert.Equal(ids, context.InputsOf<ReleaseChunkInput>(nameof(ReleaseSubmissionsActivity)).Select(c => c.ThroughId));
    }

    [Fact]
    public async Task RunAsync_NothingPending_MarksOnly_NoChunk()
    {
        var context = Context([], courseId: Course);

        var result = await new ReleaseResultsOrchestrator().RunAsync(context, new ReleaseResultsInput(Tenant, "a-1", 10));

        Assert.Equal(new ReleaseResultsResult("a-1", 0, 0), result);
        Assert.Equal([nameof(MarkAssessmentReleasedActivity), nameof(ListReleasePageActivity)], context.Steps.Select(s => s.Name));
        Assert.Empty(context.InputsOf<ReleaseChunkInput>(nameof(ReleaseSubmissionsActivity)));
    }

    [Fact]
    public async Task RunAsync_SomeChangedMeanwhile_ReportsPendingAndTheSumReleasedByTheChunks()
    {
        // The second chunk finds 3 of its 10 regraded or erased since the page was listed.
        var context = Context(Ids(25), courseId: Course, released: c => c.AfterId == "s-010" ? 7 : Count(Ids(25), c));

        var result = await new ReleaseResultsOrchestrator().RunAsync(context, new ReleaseResultsInput(Tenant, "a-1", 10));

        Assert.Equal(new ReleaseResultsResult("a-1", 25, 22), result);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(0)]
    [InlineData(-5)]
    public async Task RunAsync_NoPositivePageSize_UsesTheDefault(int? pageSize)
    {
        var ids = Ids(ReleaseResultsOrchestrator.DefaultPageSize + 1);
        var context = Context(ids, courseId: Course);

        var result = await new ReleaseResultsOrchestrator().RunAsync(context, new ReleaseResultsInput(Tenant, "a-1", pageSize));

        Assert.Equal(new ReleaseResultsResult("a-1", ids.Count, ids.Count), result);
        Assert.All(context.InputsOf<ReleasePageInput>(nameof(ListReleasePageActivity)), p => Assert.Equal(ReleaseResultsOrchestrator.DefaultPageSize, p.Size));
        Assert.Equal([ReleaseResultsOrchestrator.DefaultPageSize, ReleaseResultsOrchestrator.DefaultPageSize],
            context.InputsOf<ReleaseChunkInput>(nameof(ReleaseSubmissionsActivity)).Select(c => c.PageSize));
    }

    [Fact]
    public async Task RunAsync_AChunkFailsForGood_FailsTheRelease()
    {
        var context = Context(Ids(25), courseId: Course, released: c => c.AfterId == "s-010" ? throw new InvalidOperationException("store down") : 10);

        await Assert.ThrowsAsync<InvalidOperationException>(() => new ReleaseResultsOrchestrator().RunAsync(context, new ReleaseResultsInput(Tenant, "a-1", 10)));
    }

    internal static List<string> Ids(int count) => [.. Enumerable.Range(1, count).Select(i => $"s-{i:D3}")];

    /// <summary>The keyset page the store would return: the ids after the cursor, at most a page.</summary>
    internal static List<string> PageAfter(List<string> ids, string? afterId, int size) =>
        [.. ids.Where(id => afterId is null || string.CompareOrdinal(id, afterId) > 0).Take(size)];

    private static int Count(List<string> ids, ReleaseChunkInput chunk) =>
        ids.Count(id => (chunk.AfterId is null || string.CompareOrdinal(id, chunk.AfterId) > 0) && string.CompareOrdinal(id, chunk.ThroughId) <= 0);

    private static ScriptedOrchestrationContext Context(List<string> ids, string? courseId, Func<ReleaseChunkInput, int>? released = null) =>
        new ScriptedOrchestrationContext(InstanceId, new DateTime(2026, 6, 1, 9, 0, 0, DateTimeKind.Utc))
            .On<ReleaseResultsInput, ReleaseMark>(nameof(MarkAssessmentReleasedActivity), i => new ReleaseMark(i.AssessmentId, courseId is not null, courseId))
            .On<ReleasePageInput, IReadOnlyList<ReleasePage>>(nameof(ListReleasePageActivity), p =>
                [.. PageAfter(ids, p.AfterId, p.Size * p.Pages).Chunk(p.Size).Select(page => new ReleasePage(page[^1], page.Length))])
            .On<ReleaseChunkInput, int>(nameof(ReleaseSubmissionsActivity), released ?? (c => Count(ids, c)));
}
