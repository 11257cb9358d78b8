using EdTech.Domain.Submissions;
using EdTech.Application.Caching;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Grading;
using EdTech.Domain.Tenancy;
using EdTech.Infrastructure.Storage.Sqlite;
using EdTech.Testing;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;

namespace EdTech.Application.Tests.Projections;

/// <summary>A fresh SQLite store and an L1 HybridCache per test; writes submissions and hands back their change-feed documents.</summary>
public sealed class ProjectionWorld : IAsyncLifetime
{
    private readonly TempSqliteStore _temp = new("edtech-proj");
    private ServiceProvider _services = null!;

    public static TenantId Tenant { get; } = new("school-a");

    public IDocumentStore Store { get; private set; } = null!;

    public TeacherQueryCache Cache { get; private set; } = null!;

    public Task InitializeAsync()
    {
        _services = new ServiceCollection()
            .AddSqliteDocumentStore(_temp.Options)
            .AddHybridCache().Services
            .AddSingleton<ICacheStamps, LocalCacheStamps>()
            .AddSingleton<TeacherQueryCache>()
            .BuildServiceProvider();
        Store = _services.GetRequiredService<IDocumentStore>();
        Cache = _services.GetRequiredService<TeacherQueryCache>();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _temp.DisposeAsync();
    }

    public static SubmissionRecord Submission(string id, SubmissionStatus status, decimal? score = null, string userId = "s1", params ItemScore[] items) =>
        new(id, "quiz1", 1, "math101", userId, [], DateTimeOffset.Parse("2026-06-01T09:00:00Z", null), false, status, 5,
            ItemScores: items, Score: score);

    /// <summary>Stores the submission (upsert) and returns its change as the feed delivers it.</summary>
    public async Task<StoredDocument> WriteAsync(SubmissionRecord submission)
    {
        var result = await Store.ReplaceAsync(Tenant, Containers.Submissions, submission.Id, submission.PartitionKey, TypedDocumentStore.Serialize(submission), ifMatch: null);
        return result.Document!;
    }
}
