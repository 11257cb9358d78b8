using EdTech.Application.Assessments;
using EdTech.Application.Audit;
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

/// <summary>A SQLite store, the offline tagger and the change-feed tagging pieces, with a workflow port that records what it is asked to start.</summary>
public sealed class AutoTaggingWorld : IAsyncLifetime
{
    private readonly TempSqliteStore _temp = new("edtech-autotag");
    private ServiceProvider _services = null!;

    public static TenantId Tenant { get; } = new("school-a");

    public RecordingAutoTaggingWorkflow Workflow { get; } = new();

    public IDocumentStore Store { get; private set; } = null!;

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    public Task InitializeAsync()
    {
        _services = new ServiceCollection()
            .AddLogging()
            .AddSqliteDocumentStore(_temp.Options)
            .AddSingleton(TimeProvider.System)
            .AddSingleton(new AutoTaggingSettings(TimeSpan.FromSeconds(30), 0.5))
            .AddSingleton<IAutoTaggingWorkflow>(Workflow)
            .AddSingleton<ISkillTagger, OfflineSkillTagger>()
            .AddSingleton<SkillTaxonomyStore>().AddSingleton<ItemSuggestions>().AddSingleton<TaggingFeatures>().AddSingleton<AssessmentLookup>()
            .AddSingleton<IntegrationEventOutbox>().AddSingleton<IAuditLog, AuditLog>().AddSingleton<ItemSkillsWriter>().AddSingleton<DecideSuggestionHandler>()
            .AddSingleton<AcceptSuggestionsAbove>().AddSingleton<AutoTaggingSteps>().AddSingleton<TagChangedItems>().AddSingleton<AutoTaggingReconciler>()
            .BuildServiceProvider();
        Store = _services.GetRequiredService<IDocumentStore>();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _temp.DisposeAsync();
    }

    public static AssessmentRecord Quiz(string q1Prompt = "What is 2 + 2?", string title = "Quiz") => new("quiz1", "math101", 1,
        new Assessment("quiz1", "math101", title, DateTimeOffset.Parse("2030-01-01T00:00:00Z", null), 0, null, null, new ReleasePolicy(ReleasePolicy.Manual, null),
        [
            new AssessmentItem("q1", ItemType.SingleChoice, q1Prompt, ["3", "4"], AnswerValue.OfText("4"), null, 1, ["arithmetic"]),
            new AssessmentItem("q2", ItemType.ShortText, "Capital of France?", null, AnswerValue.OfText("Paris"), null, 1, ["geography"]),
        ]), "t1", DateTimeOffset.UnixEpoch);

    /// <summary>Stores the assessment (upsert) and returns its change as the feed delivers it.</summary>
    public async Task<StoredDocument> WriteAsync(AssessmentRecord assessment)
    {
        var result = await Store.ReplaceAsync(Tenant, Containers.Assessments, assessment.Id, assessment.PartitionKey, TypedDocumentStore.Serialize(assessment), ifMatch: null);
        return result.Document!;
    }

    public Task SwitchAsync(string feature, bool on) => Store.ReplaceAsync(TenantId.Platform,
        new TenantRecord(Tenant.Value, "School A", "UTC", TenantStatus.Active, DateTimeOffset.UnixEpoch) { Features = new Dictionary<string, bool> { [feature] = on } }, ifMatch: null);
}

public sealed class RecordingAutoTaggingWorkflow : IAutoTaggingWorkflow
{
    public List<AutoTagRequest> Started { get; } = [];

    public Task StartAsync(AutoTagRequest request, CancellationToken cancellationToken)
    {
        Started.Add(request);
        return Task.CompletedTask;
    }
}
