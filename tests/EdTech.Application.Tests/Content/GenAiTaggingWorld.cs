using EdTech.Application.Assessments;
using EdTech.Application.Audit;
using EdTech.Application.Content.Suggestions;
using EdTech.Application.Content.Tagging;
using EdTech.Application.Content.Tagging.AutoTagging;
using EdTech.Application.Content.Taxonomy;
using EdTech.Application.Outbox;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;
using EdTech.Infrastructure.Storage.Sqlite;
using EdTech.Infrastructure.Tagging;
using EdTech.Testing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace EdTech.Application.Tests.Content;

/// <summary>
/// A SQLite store with the tagging composition both hosts use (<c>AddEdTechTagging</c>) and a capturing chat model, so
/// the GenAI tagger (offline fallback, token budget) is the port; a settable clock for the budget's month.
/// </summary>
public sealed class GenAiTaggingWorld : IAsyncDisposable
{
    private readonly TempSqliteStore _temp = new("edtech-genai");
    private readonly ServiceProvider _services;

    public GenAiTaggingWorld(Func<IReadOnlyList<ChatMessage>, ChatOptions?, ChatResponse> script, long monthlyBudget = 1_000_000)
    {
        Model = new CapturingChatClient(script);
        _services = new ServiceCollection()
            .AddLogging()
            .AddSqliteDocumentStore(_temp.Options)
            .AddSingleton<TimeProvider>(Clock)
            .AddSingleton(new TaggingBudgetSettings(monthlyBudget))
            .AddSingleton<IChatClient>(Model)
            .AddEdTechTagging()
            .AddSingleton(new AutoTaggingSettings(TimeSpan.Zero, 0.5))
            .AddSingleton<SkillTaxonomyStore>().AddSingleton<ItemSuggestions>().AddSingleton<TaggingFeatures>().AddSingleton<AssessmentLookup>()
            .AddSingleton<IntegrationEventOutbox>().AddSingleton<IAuditLog, AuditLog>().AddSingleton<ItemSkillsWriter>().AddSingleton<DecideSuggestionHandler>()
            .AddSingleton<AcceptSuggestionsAbove>().AddSingleton<AutoTaggingSteps>()
            .BuildServiceProvider();
    }

    public static TenantId Tenant { get; } = new("school-a");

    public ManualClock Clock { get; } = new(DateTimeOffset.Parse("2030-03-31T23:00:00Z", null));

    public CapturingChatClient Model { get; }

    public IDocumentStore Store => Get<IDocumentStore>();

    public ISkillTagger Tagger => Get<ISkillTagger>();

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    public static SkillTaxonomy Taxonomy(TenantId? tenant = null) => new(tenant ?? Tenant,
    [
        new("fractions", "Fractions", "Equivalent fractions, simplifying, adding and multiplying fractions and mixed numbers.", ["simplify a fraction", "add fractions"]),
        new("photosynthesis", "Photosynthesis", "How plants make glucose from carbon dioxide and water using light and chlorophyll.", ["role of chlorophyll"]),
        new("ww1", "The First World War", "Causes of the war, the alliance system, trench warfare and the Treaty of Versailles.", ["life in the trenches"]),
        new("loops", "Loops and iteration", "Repeating code with for and while loops; tracing loop variables.", ["trace a while loop"]),
    ]);

    public Task SetTenantBudgetAsync(long? budget) => Store.ReplaceAsync(TenantId.Platform,
        new TenantRecord(Tenant.Value, "School A", "UTC", TenantStatus.Active, DateTimeOffset.UnixEpoch) { Quotas = new TenantQuotas { MonthlyTokenBudget = budget } }, ifMatch: null);

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _temp.DisposeAsync();
    }
}

public sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
