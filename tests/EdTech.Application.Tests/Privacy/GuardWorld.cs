using EdTech.Application.Common;
using EdTech.Application.Privacy.Erasure;
using EdTech.Application.Records;
using EdTech.Application.Records.Views;
using EdTech.Application.Storage;
using EdTech.Domain.Submissions;
using EdTech.Domain.Tenancy;
using EdTech.Infrastructure.Storage.Sqlite;
using EdTech.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace EdTech.Application.Tests.Privacy;

/// <summary>
/// The set-up of the erasure guard's tests: the real SQLite adapter in a fresh folder (no guard over it: each test puts
/// its own on top), tenant school-a and its admin, and the student documents the tests write through the guard.
/// </summary>
public sealed class GuardWorld : IAsyncLifetime
{
    public static readonly TenantId Tenant = new("school-a");
    public static readonly Caller Admin = new(Tenant, "admin1", new HashSet<string> { "tenant-admin" });

    private readonly TempSqliteStore _temp = new("edtech-guard");
    private ServiceProvider _services = null!;

    /// <summary>The adapter itself, for marking, seeding and inspecting without the guard.</summary>
    public IDocumentStore Raw { get; private set; } = null!;

    public Task InitializeAsync()
    {
        _services = new ServiceCollection().AddSqliteDocumentStore(_temp.Options).BuildServiceProvider();
        Raw = _services.GetRequiredService<IDocumentStore>();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _temp.DisposeAsync();
    }

    /// <summary>Erases <paramref name="userId"/>'s data as far as the guard can tell: writes the marker straight to the adapter.</summary>
    public Task MarkErasedAsync(string userId) => new ErasureMarkers(Raw).MarkAsync(Tenant, userId, Admin, DateTimeOffset.UtcNow, default);

    public static SubmissionViewRecord View(string id, string userId) =>
        new(id, "quiz1", "math101", userId, SubmissionStatus.Accepted, false, DateTimeOffset.UtcNow, 5, null, 0);
}
