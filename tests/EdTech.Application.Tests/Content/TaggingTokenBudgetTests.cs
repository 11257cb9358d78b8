using EdTech.Application.Content.Tagging;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Assessments;
using EdTech.Domain.Tenancy;
using Microsoft.Extensions.AI;

namespace EdTech.Application.Tests.Content;

/// <summary>The per-tenant monthly token budget of the chat model: counted, enforced, per month, per tenant.</summary>
public sealed class TaggingTokenBudgetTests
{
    private static readonly TaggingItemRef Ref = new("quiz1", "q1");

    private static readonly AssessmentItem Item = new("q1", ItemType.ShortText, "Add 1/3 and 1/6 and simplify the fraction.", null, null, null, 1, []);

    private static ChatResponse Valid(IReadOnlyList<ChatMessage> messages, ChatOptions? options) =>
        CapturingChatClient.Answer("""{"tags":["fractions"],"difficulty":"easy","rationale":"Adds fractions."}""", input: 100, output: 20);

    [Fact]
    public async Task TagAsync_ModelCall_CountsInputPlusOutputTokens_ForTheTenantAndUtcMonth()
    {
        await using var world = new GenAiTaggingWorld(Valid, monthlyBudget: 1_000);

        await world.Tagger.TagAsync(GenAiTaggingWorld.Taxonomy(), Ref, Item, CancellationToken.None);
        await world.Tagger.TagAsync(GenAiTaggingWorld.Taxonomy(), Ref, Item, CancellationToken.None);

        Assert.Equal(new TaggingBudgetView("2030-03", 240, 1_000, 760), await world.Get<TaggingTokenBudget>().ReadAsync(GenAiTaggingWorld.Tenant, CancellationToken.None));
        var other = await world.Get<TaggingTokenBudget>().ReadAsync(new TenantId("school-b"), CancellationToken.None);
        Assert.Equal(0, other.Used);
    }

    [Fact]
    public async Task TagAsync_BudgetSpent_ModelIsNotCalled_AndTheOfflineTaggerSaysWhy()
    {
        await using var world = new GenAiTaggingWorld(Valid, monthlyBudget: 150);
        await world.Tagger.TagAsync(GenAiTaggingWorld.Taxonomy(), Ref, Item, CancellationToken.None);
        await world.Tagger.TagAsync(GenAiTaggingWorld.Taxonomy(), Ref, Item, CancellationToken.None);

        var third = await world.Tagger.TagAsync(GenAiTaggingWorld.Taxonomy(), Ref, Item, CancellationToken.None);

        // 120 of 150 after the first call, so the second still runs; 240 after it: spent.
        Assert.Equal(2, world.Model.Calls.Count);
        Assert.Equal("offline", third.Suggestion!.Tagger.Name);
        Assert.StartsWith("The tenant's monthly token budget for the chat model is spent", third.Suggestion.Rationale, StringComparison.Ordinal);
        Assert.Equal("fractions", third.Suggestion.Skills[0].SkillId);
        Assert.Equal(0, (await world.Get<TaggingTokenBudget>().ReadAsync(GenAiTaggingWorld.Tenant, CancellationToken.None)).Remaining);
    }

    [Fact]
    public async Task TagAsync_TenantQuotaOfZero_OverridesTheSetting_AndTurnsTheModelOff()
    {
        await using var world = new GenAiTaggingWorld(Valid, monthlyBudget: 1_000_000);
        await world.SetTenantBudgetAsync(0);

        var suggestion = await world.Tagger.TagAsync(GenAiTaggingWorld.Taxonomy(), Ref, Item, CancellationToken.None);

        Assert.Empty(world.Model.Calls);
        Assert.Equal("offline", suggestion.Suggestion!.Tagger.Name);
        Assert.Equal(0, (await world.Get<TaggingTokenBudget>().ReadAsync(GenAiTaggingWorld.Tenant, CancellationToken.None)).Budget);
    }

    [Fact]
    public async Task ReadAsync_TenantQuota_IsTheBudget_AndNullMeansTheSetting()
    {
        await using var world = new GenAiTaggingWorld(Valid, monthlyBudget: 2_000_000);
        var budget = world.Get<TaggingTokenBudget>();

        await world.SetTenantBudgetAsync(5_000);
        var own = await budget.ReadAsync(GenAiTaggingWorld.Tenant, CancellationToken.None);
        await world.SetTenantBudgetAsync(null);
        var platform = await budget.ReadAsync(GenAiTaggingWorld.Tenant, CancellationToken.None);

        Assert.Equal(5_000, own.Budget);
        Assert.Equal(2_000_000, platform.Budget);
    }

    [Fact]
    public async Task TagAsync_NextMonth_StartsFromZero_AndTheModelIsCalledAgain()
    {
        await using var world = new GenAiTaggingWorld(Valid, monthlyBudget: 100);
        await world.Tagger.TagAsync(GenAiTaggingWorld.Taxonomy(), Ref, Item, CancellationToken.None);
        await world.Tagger.TagAsync(GenAiTaggingWorld.Taxonomy(), Ref, Item, CancellationToken.None);
        Assert.Single(world.Model.Calls);

        world.Clock.Now = world.Clock.Now.AddHours(1); // 2030-04-01T00:00Z
        var april = await world.Tagger.TagAsync(GenAiTaggingWorld.Taxonomy(), Ref, Item, CancellationToken.None);

        Assert.Equal(2, world.Model.Calls.Count);
        Assert.Equal("genai", april.Suggestion!.Tagger.Name);
        Assert.Equal(new TaggingBudgetView("2030-04", 120, 100, 0), await world.Get<TaggingTokenBudget>().ReadAsync(GenAiTaggingWorld.Tenant, CancellationToken.None));
    }

    [Fact]
    public async Task AddAsync_Concurrently_LosesNoCount()
    {
        await using var world = new GenAiTaggingWorld(Valid);
        var budget = world.Get<TaggingTokenBudget>();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => budget.AddAsync(GenAiTaggingWorld.Tenant, 10, CancellationToken.None))));

        var stored = await world.Store.GetAsync<TaggingTokenUsageRecord>(GenAiTaggingWorld.Tenant, "2030-03", "2030-03");
        Assert.Equal(80, stored!.Value.Used);
        Assert.Equal(8, stored.Value.Calls);
    }

    [Fact]
    public void TokensOf_ServiceReportsNoUsage_EstimatesFromTheText()
    {
        var sent = new[] { new ChatMessage(ChatRole.System, new string('s', 400)), new ChatMessage(ChatRole.User, new string('u', 396)) };

        Assert.Equal(200, ItemTagger.TokensOf(new ChatResponse(new ChatMessage(ChatRole.Assistant, "abcd")), sent));
        Assert.Equal(120, ItemTagger.TokensOf(CapturingChatClient.Answer("{}"), sent));
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("lots")]
    [InlineData("20000000000")]
    public void Settings_BadBudget_FailsNamingTheSetting(string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => TaggingBudgetSettings.From(value));

        Assert.Contains("Tagging:MonthlyTokenBudget", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_Unset_IsTwoMillionTokens() => Assert.Equal(2_000_000, TaggingBudgetSettings.From(null).MonthlyTokenBudget);
}
