using EdTech.Application.Access;
using EdTech.Application.Common;
using EdTech.Application.Content.Difficulty;
using EdTech.Application.Content.Tagging;
using EdTech.Application.Records;
using EdTech.Application.Records.Views;
using EdTech.Application.Storage;
using EdTech.Domain.Content;
using EdTech.Domain.Tenancy;
using EdTech.Infrastructure.Storage.Sqlite;
using EdTech.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace EdTech.Application.Tests.Content;

public sealed class GetItemDifficultyTests : IAsyncLifetime
{
    private static readonly TenantId Tenant = AutoTaggingWorld.Tenant;
    private static readonly Caller Author = new(Tenant, "author1", new HashSet<string> { Roles.ContentAuthor });
    private static readonly Caller TeacherOfCourse = new(Tenant, "t1", new HashSet<string> { Roles.Teacher });
    private static readonly Caller OtherTeacher = new(Tenant, "t2", new HashSet<string> { Roles.Teacher });

    private readonly TempSqliteStore _temp = new("edtech-difficulty");
    private ServiceProvider _services = null!;
    private IDocumentStore _store = null!;

    private GetItemDifficultyHandler Handler => _services.GetRequiredService<GetItemDifficultyHandler>();

    public async Task InitializeAsync()
    {
        _services = new ServiceCollection()
            .AddSqliteDocumentStore(_temp.Options)
            .AddSingleton(TimeProvider.System)
            .AddSingleton(AccessCacheSettings.Default)
            .AddSingleton<CourseAccess>()
            .AddSingleton<GetItemDifficultyHandler>()
            .BuildServiceProvider();
        _store = _services.GetRequiredService<IDocumentStore>();
        await _store.ReplaceAsync(Tenant, AutoTaggingWorld.Quiz(), ifMatch: null);
        await _store.ReplaceAsync(Tenant, new EnrollmentRecord(EnrollmentRecord.IdFor("math101", "t1"), "math101", "t1", Roles.Teacher, DateTimeOffset.UnixEpoch), ifMatch: null);
        await _store.ReplaceAsync(Tenant, new EnrollmentRecord(EnrollmentRecord.IdFor("bio201", "t2"), "bio201", "t2", Roles.Teacher, DateTimeOffset.UnixEpoch), ifMatch: null);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _temp.DisposeAsync();
    }

    [Fact]
    public async Task ForContent_NoSuggestionNoResponses_IsTheTextPrior()
    {
        var view = (await Handler.ForContentAsync(Author, "quiz1", "q1", default)).Value!;

        var level = DifficultyEstimate.Of(AutoTaggingWorld.Quiz().Assessment.Items[0]).Level;
        Assert.Equal(ItemDifficultyView.TextPrior, view.PriorSource);
        Assert.Equal(level, view.PriorLevel);
        Assert.Equal(LearnedDifficulty.PriorLogits(level), view.Prior);
        Assert.Equal(view.Prior, view.Blended);
        Assert.Null(view.FromResponses);
        Assert.Null(view.Evidence);
        Assert.Equal(1, view.PriorWeight);
        Assert.Equal(0, view.Responses);
        Assert.Equal(41, view.ResponsesNeeded);
        Assert.Equal("math101", view.CourseId);
    }

    [Fact]
    public async Task ForContent_PendingSuggestionForCurrentContent_IsThePrior()
    {
        await SuggestAsync(level: 5, SuggestionStatus.Pending);

        var view = (await Handler.ForContentAsync(Author, "quiz1", "q1", default)).Value!;

        Assert.Equal(ItemDifficultyView.SuggestionPrior, view.PriorSource);
        Assert.Equal(5, view.PriorLevel);
        Assert.Equal(1.5, view.Prior);
    }

    [Fact]
    public async Task ForContent_AcceptedSuggestion_SaysSo()
    {
        await SuggestAsync(level: 4, SuggestionStatus.Accepted);

        var view = (await Handler.ForContentAsync(Author, "quiz1", "q1", default)).Value!;

        Assert.Equal(ItemDifficultyView.AcceptedSuggestionPrior, view.PriorSource);
        Assert.Equal(0.75, view.Prior);
    }

    [Theory]
    [InlineData(SuggestionStatus.Rejected, null)]
    [InlineData(SuggestionStatus.Pending, "stale-hash")]
    public async Task ForContent_RejectedOrStaleSuggestion_FallsBackToText(SuggestionStatus status, string? hash)
    {
        await SuggestAsync(level: 5, status, hash);

        var view = (await Handler.ForContentAsync(Author, "quiz1", "q1", default)).Value!;

        Assert.Equal(ItemDifficultyView.TextPrior, view.PriorSource);
    }

    [Fact]
    public async Task ForContent_EloStatistics_AreBlendedByPrecision()
    {
        await SuggestAsync(level: 5, SuggestionStatus.Pending);
        await _store.ReplaceAsync(Tenant, new ItemStatsRecord("quiz1:q1", "math101", "quiz1", "q1", 40, 20, -0.5), ifMatch: null);

        var view = (await Handler.ForContentAsync(Author, "quiz1", "q1", default)).Value!;

        Assert.Equal(-0.5, view.FromResponses);
        Assert.Equal(DifficultyEvidence.EloSource, view.Evidence!.Source);
        Assert.Equal(40, view.Responses);
        Assert.Equal(Math.Round(((1.5 * 1) + (-0.5 * 10)) / 11, 4), view.Blended);
        Assert.Equal(Math.Round(1.0 / 11, 4), view.PriorWeight);
        Assert.Equal(1, view.ResponsesNeeded);
    }

    [Fact]
    public async Task ForContent_CalibratedParameters_ArePreferredToElo()
    {
        var at = DateTimeOffset.Parse("2026-12-01T02:00:00Z", null);
        await _store.ReplaceAsync(Tenant, new ItemStatsRecord("quiz1:q1", "math101", "quiz1", "q1", 300, 150, -0.5), ifMatch: null);
        await _store.ReplaceAsync(Tenant, new ItemParametersRecord("quiz1:q1", "math101", "quiz1", "q1", 1.4, 0.8, 280, 0.4, null, at), ifMatch: null);

        var view = (await Handler.ForContentAsync(Author, "quiz1", "q1", default)).Value!;

        Assert.Equal(DifficultyEvidence.IrtSource, view.Evidence!.Source);
        Assert.Equal(0.8, view.FromResponses);
        Assert.Equal(280, view.Responses);
        Assert.Equal(1.4, view.Evidence.Discrimination);
        Assert.Equal(at, view.Evidence.CalibratedAt);
        Assert.Equal(0, view.ResponsesNeeded);
        Assert.True(view.StandardError <= 0.3);
    }

    [Fact]
    public async Task ForContent_LowDiscriminationCalibration_UsesEloInstead()
    {
        await _store.ReplaceAsync(Tenant, new ItemStatsRecord("quiz1:q1", "math101", "quiz1", "q1", 30, 12, 0.3), ifMatch: null);
        await _store.ReplaceAsync(Tenant, new ItemParametersRecord("quiz1:q1", "math101", "quiz1", "q1", 0.1, 3.9, 30, 0.02, ItemParametersRecord.LowDiscrimination, DateTimeOffset.UnixEpoch), ifMatch: null);

        var view = (await Handler.ForContentAsync(Author, "quiz1", "q1", default)).Value!;

        Assert.Equal(DifficultyEvidence.EloSource, view.Evidence!.Source);
        Assert.Equal(0.3, view.FromResponses);
    }

    [Theory]
    [InlineData("nope", "q1")]
    [InlineData("quiz1", "q9")]
    [InlineData("bad id!", "q1")]
    [InlineData("quiz1", "bad id!")]
    public async Task ForContent_UnknownOrIllFormedIds_AreNotFound(string assessmentId, string itemId)
    {
        var outcome = await Handler.ForContentAsync(Author, assessmentId, itemId, default);

        Assert.Equal(ProblemKind.NotFound, outcome.Problem!.Kind);
        Assert.StartsWith(assessmentId == "quiz1" ? "No item " : "No assessment ", outcome.Problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForContent_AnotherTenantsItem_IsNotFound()
    {
        var other = Author with { Tenant = new TenantId("school-b") };

        var outcome = await Handler.ForContentAsync(other, "quiz1", "q1", default);

        Assert.Equal(ProblemKind.NotFound, outcome.Problem!.Kind);
    }

    [Fact]
    public async Task ForTeacher_OfTheCourse_Reads_OfAnotherCourse_IsNotFound()
    {
        Assert.NotNull((await Handler.ForTeacherAsync(TeacherOfCourse, "quiz1", "q1", default)).Value);
        Assert.Equal(ProblemKind.NotFound, (await Handler.ForTeacherAsync(OtherTeacher, "quiz1", "q1", default)).Problem!.Kind);
    }

    private async Task SuggestAsync(int level, SuggestionStatus status, string? hash = null)
    {
        var item = AutoTaggingWorld.Quiz().Assessment.Items[0];
        var suggestion = new TagSuggestion("q1", "quiz1", ["arithmetic"], SkillSuggestion.WordOf(level), null,
            Suggestion: new SkillSuggestion([new SkillConfidence("arithmetic", 0.9)], level, "remember", null, new TaggerInfo("offline", "bm25-1")));
        await _store.ReplaceAsync(Tenant, new ItemSuggestionRecord("quiz1:q1", "math101", "quiz1", "q1", status, hash ?? ItemContentHash.Of(item), 1, suggestion, "auto", DateTimeOffset.UnixEpoch),
            ifMatch: null);
    }
}
