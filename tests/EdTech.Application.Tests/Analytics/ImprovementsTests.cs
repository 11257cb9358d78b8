using EdTech.Application.Analytics;
using EdTech.Application.Common;
using EdTech.Application.Content.Tagging;
using EdTech.Application.Records;
using EdTech.Application.Records.Views;
using EdTech.Application.Storage;
using EdTech.Application.Tests.Content;
using EdTech.Application.Tests.Projections;
using EdTech.Domain.Analytics;
using EdTech.Domain.Submissions;
using EdTech.Domain.Tenancy;
using ManualClock = EdTech.Application.Tests.Submissions.ManualClock;

namespace EdTech.Application.Tests.Analytics;

/// <summary>
/// The improvement list on SQLite: twelve graded attempts of quiz1, the nightly calibration says q1 is hard (b = 2), and an
/// author's decision on q1's tagging suggestion (level 1, easy) decides whether that is a <c>difficulty-mismatch</c>; module
/// progress decides <c>drop-off</c> on a module's content item.
/// </summary>
public sealed class ImprovementsTests : IAsyncLifetime
{
    private const string Course = "math101";
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
    private static readonly Caller Author = new(ProjectionWorld.Tenant, "c1", new HashSet<string> { Roles.ContentAuthor });
    private readonly ProjectionWorld _world = new();
    private GetImprovementsHandler _handler = null!;

    public async Task InitializeAsync()
    {
        await _world.InitializeAsync();
        var store = _world.Store;
        _handler = new GetImprovementsHandler(store, _world.Cache, new ManualClock(Now));
        await store.CreateAsync(ProjectionWorld.Tenant, new CourseRecord(Course, "Math", Now.AddDays(-90)));
        await store.CreateAsync(ProjectionWorld.Tenant, AutoTaggingWorld.Quiz());
        for (var i = 0; i < 12; i++)
        {
            var at = Now.AddDays(-10).AddMinutes(i);
            await store.CreateAsync(ProjectionWorld.Tenant, new StatisticsContribution($"sub{i}", "quiz1", Course, $"s{i}", SubmissionStatus.Graded, 2, null,
                [new ItemContribution("q1", i < 7 ? 1 : 0), new ItemContribution("q2", i < 6 ? 1 : 0)], i, at));
        }

        await store.CreateAsync(ProjectionWorld.Tenant, new ItemParametersRecord(ItemParametersRecord.IdFor("quiz1", "q1"), Course, "quiz1", "q1", 1.2, 2.0, 12, 0.5, null, Now.AddDays(-1)));
    }

    public Task DisposeAsync() => _world.DisposeAsync();

    [Fact]
    public async Task AcceptedSuggestion_FarFromTheCalibratedDifficulty_RaisesDifficultyMismatch()
    {
        await SuggestAsync(SuggestionStatus.Accepted);

        var q1 = (await RankAsync()).Single(i => i.ItemId == "q1");

        // Intended 1 → −1.5 logits; b = 2 over 12 responses shrunk: (12 × 2 + 10 × −1.5) ÷ 22 ≈ 0.41; Δ ≈ 1.91 (harder than intended).
        var mismatch = Assert.Single(q1.Reasons, r => r.Kind == "difficulty-mismatch");
        Assert.Equal(12 * 3.5 / 22, mismatch.Value, 10);
    }

    [Theory]
    [InlineData(SuggestionStatus.Rejected, false)]
    [InlineData(SuggestionStatus.Pending, false)]
    [InlineData(SuggestionStatus.Accepted, true)]
    public async Task Suggestion_RejectedPendingOrOutOfDate_RaisesNoMismatch(SuggestionStatus status, bool outOfDate)
    {
        await SuggestAsync(status, outOfDate ? "0123456789abcdef0123456789abcdef" : null);

        var ranked = await RankAsync();

        Assert.DoesNotContain(ranked.SelectMany(i => i.Reasons), r => r.Kind == "difficulty-mismatch");
    }

    [Fact]
    public async Task LowDiscriminationCalibration_RaisesNoMismatch()
    {
        await _world.Store.ReplaceAsync(ProjectionWorld.Tenant, new ItemParametersRecord(ItemParametersRecord.IdFor("quiz1", "q1"), Course, "quiz1", "q1", 0.1, 2.0, 12, 0.02,
            ItemParametersRecord.LowDiscrimination, Now.AddDays(-1)), ifMatch: null);
        await SuggestAsync(SuggestionStatus.Accepted);

        Assert.DoesNotContain((await RankAsync()).SelectMany(i => i.Reasons), r => r.Kind == "difficulty-mismatch");
    }

    [Fact]
    public async Task DropOff_WithEnoughStudents_IsRaisedOnTheItemWhereTheyStop()
    {
        await ModuleAsync();
        // Ten students started week1: six stopped at "video" three weeks ago, four completed both items.
        for (var i = 0; i < 10; i++)
        {
            await ProgressAsync($"s{i}", i < 6 ? ["read"] : ["read", "video"], Now.AddDays(-21));
        }

        var entry = Assert.Single(await RankAsync(), i => i.ObjectId is not null);

        Assert.Equal(("week1", "video", "", "", 10), (entry.ModuleId, entry.ObjectId, entry.AssessmentId, entry.ItemId, entry.Responses));
        var reason = Assert.Single(entry.Reasons);
        Assert.Equal("drop-off", reason.Kind);
        // (10 × 0.6 + 10 × 0.1) ÷ 20 = 0.35.
        Assert.Equal(0.35, reason.Value, 10);
    }

    [Fact]
    public async Task DropOff_UnderTheMinimumStudents_OrStillActive_IsNotRaised()
    {
        await ModuleAsync();
        for (var i = 0; i < 4; i++)
        {
            await ProgressAsync($"s{i}", ["read"], Now.AddDays(-21));
        }

        // Four dropped students: under the minimum of five.
        Assert.DoesNotContain(await RankAsync(), i => i.ObjectId is not null);

        // Six more stopped at "video" but were active a day ago: in progress, not dropped (10 reached, 4 dropped: 0.25, not over).
        for (var i = 4; i < 10; i++)
        {
            await ProgressAsync($"s{i}", ["read"], Now.AddDays(-1));
        }

        Assert.DoesNotContain(await RankAsync(), i => i.ObjectId is not null);
    }

    /// <summary>Reads the list afresh: the writes above bypass the projections, so the course's cached list is dropped first.</summary>
    private async Task<IReadOnlyList<Improvement>> RankAsync()
    {
        await _world.Cache.InvalidateCourseAsync(ProjectionWorld.Tenant, Course);
        var outcome = await _handler.HandleAsync(Author, Course, default);
        Assert.Null(outcome.Problem);
        return outcome.Value!.Items;
    }

    private async Task SuggestAsync(SuggestionStatus status, string? hash = null)
    {
        var item = AutoTaggingWorld.Quiz().Assessment.Items[0];
        var suggestion = new TagSuggestion("q1", "quiz1", ["arithmetic"], SkillSuggestion.WordOf(1), null,
            Suggestion: new SkillSuggestion([new SkillConfidence("arithmetic", 0.9)], 1, "remember", null, new TaggerInfo("offline", "bm25-1")));
        await _world.Store.ReplaceAsync(ProjectionWorld.Tenant, new ItemSuggestionRecord(ItemSuggestionRecord.IdOf("quiz1", "q1"), Course, "quiz1", "q1", status,
            hash ?? ItemContentHash.Of(item), 1, suggestion, "auto", Now.AddDays(-2)), ifMatch: null);
    }

    private Task ModuleAsync() =>
        _world.Store.CreateAsync(ProjectionWorld.Tenant, new ModuleRecord(ModuleRecord.IdFor(Course, "week1"), Course, "week1", "Week 1", 1,
            [new ModuleItem("read", "Read", "page"), new ModuleItem("video", "Video", "page")], "t1", Now.AddDays(-60)));

    private Task ProgressAsync(string userId, string[] completed, DateTimeOffset lastAt) =>
        _world.Store.ReplaceAsync(ProjectionWorld.Tenant, UsageModuleProgressRecord.Empty(Course, userId) with
        {
            Modules = new Dictionary<string, ModuleProgress> { ["week1"] = new(Now.AddDays(-40), lastAt, null, completed) },
        }, ifMatch: null);
}
