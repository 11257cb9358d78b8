using EdTech.Application.Content.Tagging;
using EdTech.Application.Content.Tagging.AutoTagging;
using EdTech.Application.Records;
using EdTech.Application.Storage;

namespace EdTech.Application.Tests.Content;

/// <summary>The change-feed handler: which assessment changes start a durable tagging run, and for which items.</summary>
public sealed class TagChangedItemsTests(AutoTaggingWorld world) : IClassFixture<AutoTaggingWorld>, IAsyncLifetime
{
    private TagChangedItems Handler => world.Get<TagChangedItems>();

    public async Task InitializeAsync()
    {
        world.Workflow.Started.Clear();
        await world.SwitchAsync(TaggingFeatures.AutoTagging, on: true);
        foreach (var id in new[] { "quiz1:q1", "quiz1:q2" })
        {
            await world.Store.DeleteAsync(AutoTaggingWorld.Tenant, Containers.TaggingSuggestions, id);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task NewAssessment_StartsOneRun_ForAllItsItems_WithTheirContentHashes_AndTheDebounce()
    {
        var change = await world.WriteAsync(AutoTaggingWorld.Quiz());

        await Handler.HandleAsync([change], CancellationToken.None);

        var run = Assert.Single(world.Workflow.Started);
        Assert.Equal((AutoTaggingWorld.Tenant, "quiz1", TimeSpan.FromSeconds(30)), (run.TenantId, run.AssessmentId, run.Debounce));
        Assert.Equal(["q1", "q2"], run.Items.Select(i => i.ItemId));
        Assert.Equal(ItemContentHash.Of(AutoTaggingWorld.Quiz().Assessment.Items[0]), run.Items[0].ContentHash);
    }

    [Fact]
    public async Task SameChangeRedelivered_HasTheSameChangeKey_AndANewWriteANewOne()
    {
        var first = await world.WriteAsync(AutoTaggingWorld.Quiz());
        await Handler.HandleAsync([first], CancellationToken.None);
        await Handler.HandleAsync([first], CancellationToken.None);
        var second = await world.WriteAsync(AutoTaggingWorld.Quiz("What is 3 + 3?"));
        await Handler.HandleAsync([second], CancellationToken.None);

        var keys = world.Workflow.Started.Select(r => r.ChangeKey).ToList();
        Assert.Equal(3, keys.Count);
        Assert.Equal(keys[0], keys[1]);
        Assert.NotEqual(keys[0], keys[2]);
    }

    [Fact]
    public async Task ItemsAlreadyTaggedAtTheirContent_AreLeftOut_AndAnAssessmentWithNoneChanged_StartsNothing()
    {
        var change = await world.WriteAsync(AutoTaggingWorld.Quiz());
        await world.Get<AutoTaggingSteps>().TagAsync(AutoTaggingWorld.Tenant, "quiz1", [.. AutoTaggingWorld.Quiz().Assessment.Items.Select(i => new Application.Content.Suggestions.ItemContent(i.Id, ItemContentHash.Of(i)))], CancellationToken.None);

        await Handler.HandleAsync([change], CancellationToken.None);
        var edited = await world.WriteAsync(AutoTaggingWorld.Quiz("What is 3 + 3?", title: "Renamed"));
        await Handler.HandleAsync([edited], CancellationToken.None);

        var run = Assert.Single(world.Workflow.Started);
        Assert.Equal(["q1"], run.Items.Select(i => i.ItemId));
    }

    [Fact]
    public async Task TenantSwitchedOff_StartsNothing()
    {
        await world.SwitchAsync(TaggingFeatures.AutoTagging, on: false);
        var change = await world.WriteAsync(AutoTaggingWorld.Quiz());

        await Handler.HandleAsync([change], CancellationToken.None);

        Assert.Empty(world.Workflow.Started);
    }

    [Fact]
    public async Task Reconciler_RestartsTheRunOfTheLatestChange_ForUntaggedItems_AndNothingOnceTagged()
    {
        var change = await world.WriteAsync(AutoTaggingWorld.Quiz());
        await Handler.HandleAsync([change], CancellationToken.None);
        var reconciler = world.Get<AutoTaggingReconciler>();

        Assert.Equal(1, await reconciler.ReconcileAsync(CancellationToken.None));
        await world.Get<AutoTaggingSteps>().TagAsync(AutoTaggingWorld.Tenant, "quiz1", world.Workflow.Started[0].Items, CancellationToken.None);
        Assert.Equal(0, await reconciler.ReconcileAsync(CancellationToken.None));

        Assert.Equal(2, world.Workflow.Started.Count);
        Assert.Equal(world.Workflow.Started[0].ChangeKey, world.Workflow.Started[1].ChangeKey);
        Assert.Equal(world.Workflow.Started[0].Items, world.Workflow.Started[1].Items);
    }

    [Fact]
    public async Task ChangesOfOtherContainers_AreIgnored()
    {
        var change = await world.WriteAsync(AutoTaggingWorld.Quiz());

        await Handler.HandleAsync([change with { Container = Containers.TaggingSuggestions }], CancellationToken.None);

        Assert.Empty(world.Workflow.Started);
    }
}
