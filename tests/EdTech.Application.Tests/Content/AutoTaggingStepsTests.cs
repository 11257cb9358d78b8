using EdTech.Application.Audit;
using EdTech.Application.Content.Suggestions;
using EdTech.Application.Content.Tagging;
using EdTech.Application.Content.Tagging.AutoTagging;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Assessments;

namespace EdTech.Application.Tests.Content;

/// <summary>What a durable tagging run does once its debounce is over: tag only what this change still owns and is not tagged yet.</summary>
public sealed class AutoTaggingStepsTests(AutoTaggingWorld world) : IClassFixture<AutoTaggingWorld>, IAsyncLifetime
{
    private AutoTaggingSteps Steps => world.Get<AutoTaggingSteps>();

    public async Task InitializeAsync()
    {
        await world.SwitchAsync(TaggingFeatures.AutoTagging, on: true);
        foreach (var id in new[] { "quiz1:q1", "quiz1:q2" })
        {
            await world.Store.DeleteAsync(AutoTaggingWorld.Tenant, Containers.TaggingSuggestions, id);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task TagAsync_ItemEditedAgainSinceTheChange_IsLeftToTheNewerRun()
    {
        var seen = AutoTaggingWorld.Quiz("What is 2 + 2?");
        await world.WriteAsync(AutoTaggingWorld.Quiz("What is 9 + 9?"));

        var tagged = await Steps.TagAsync(AutoTaggingWorld.Tenant, "quiz1", Contents(seen), CancellationToken.None);

        Assert.Equal(["q2"], tagged);
    }

    [Fact]
    public async Task TagAsync_Twice_TagsOnce_AndStoresAPendingSuggestionWithTheContentHash()
    {
        var quiz = AutoTaggingWorld.Quiz();
        await world.WriteAsync(quiz);

        var first = await Steps.TagAsync(AutoTaggingWorld.Tenant, "quiz1", Contents(quiz), CancellationToken.None);
        var second = await Steps.TagAsync(AutoTaggingWorld.Tenant, "quiz1", Contents(quiz), CancellationToken.None);

        Assert.Equal(["q1", "q2"], first);
        Assert.Empty(second);
        var stored = (await world.Store.GetAsync<ItemSuggestionRecord>(AutoTaggingWorld.Tenant, "quiz1:q2", "math101"))!.Value;
        Assert.Equal((SuggestionStatus.Pending, ItemContentHash.Of(quiz.Assessment.Items[1]), ItemSuggestionRecord.AutoSource), (stored.Status, stored.ContentHash, stored.Source));
        Assert.Equal("geography", stored.SuggestedSkillIds[0]);
    }

    [Fact]
    public async Task TagAsync_TenantSwitchedOffDuringTheDebounce_TagsNothing()
    {
        var quiz = AutoTaggingWorld.Quiz();
        await world.WriteAsync(quiz);
        await world.SwitchAsync(TaggingFeatures.AutoTagging, on: false);

        Assert.Empty(await Steps.TagAsync(AutoTaggingWorld.Tenant, "quiz1", Contents(quiz), CancellationToken.None));
    }

    [Fact]
    public async Task AutoApplyAsync_SwitchedOn_AcceptsConfidentSuggestions_AsOneNewVersion_AuditedAsTheAutoTagger()
    {
        var quiz = AutoTaggingWorld.Quiz() with { Assessment = AutoTaggingWorld.Quiz().Assessment with { Items = [.. AutoTaggingWorld.Quiz().Assessment.Items.Select(i => i with { Skills = [] })] } };
        await world.WriteAsync(quiz);
        // Seed the taxonomy from a version that still carries skills, so the tagger has something to rank.
        await world.WriteAsync(AutoTaggingWorld.Quiz());
        _ = await world.Get<Application.Content.Taxonomy.SkillTaxonomyStore>().LoadAsync(AutoTaggingWorld.Tenant, CancellationToken.None);
        await world.WriteAsync(quiz);
        var tagged = await Steps.TagAsync(AutoTaggingWorld.Tenant, "quiz1", Contents(quiz), CancellationToken.None);
        await world.SwitchAsync(TaggingFeatures.AutoApply, on: true);

        var applied = await Steps.AutoApplyAsync(AutoTaggingWorld.Tenant, "quiz1", tagged, CancellationToken.None);

        var confident = new List<string>();
        foreach (var id in tagged)
        {
            var s = (await world.Store.GetAsync<ItemSuggestionRecord>(AutoTaggingWorld.Tenant, $"quiz1:{id}", "math101"))!.Value;
            if (s.Status == SuggestionStatus.Accepted)
            {
                Assert.Equal(AuditActions.AutoTagger, s.Decision!.By);
                confident.Add(id);
            }
        }

        Assert.Equal(applied, confident.Count);
        Assert.True(applied > 0);
        var current = (await world.Store.GetAsync<AssessmentRecord>(AutoTaggingWorld.Tenant, "quiz1"))!.Value;
        Assert.Equal(2, current.Version);
        Assert.All(confident, id => Assert.NotEmpty(current.Assessment.Items.Single(i => i.Id == id).Skills));
    }

    private static List<ItemContent> Contents(AssessmentRecord quiz) => [.. quiz.Assessment.Items.Select(i => new ItemContent(i.Id, ItemContentHash.Of(i)))];
}
