using EdTech.Application.Privacy.Erasure;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;
using EdTech.Infrastructure.Storage.Sqlite;
using EdTech.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace EdTech.Application.Tests.Privacy;

/// <summary><see cref="ErasureGuard.AddErasureGuard"/>: the guard wraps the store adapter however the host registered it.</summary>
public sealed class ErasureGuardCompositionTests : IAsyncLifetime
{
    private readonly TempSqliteStore _temp = new("edtech-guardcomp");

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _temp.DisposeAsync().AsTask();

    [Fact]
    public void AddErasureGuard_OverAnInstance_WrapsThatInstance()
    {
        var adapter = new NamedStore("adapter");
        using var provider = new ServiceCollection().AddSingleton<IDocumentStore>(adapter).AddErasureGuard().BuildServiceProvider();

        var guarded = Assert.IsType<ErasureGuardedStore>(provider.GetRequiredService<IDocumentStore>());

        Assert.Same(adapter, guarded.Inner);
    }

    [Fact]
    public void AddErasureGuard_OverAFactory_WrapsWhatTheFactoryMakes()
    {
        var adapter = new NamedStore("made");
        using var provider = new ServiceCollection().AddSingleton<IDocumentStore>(_ => adapter).AddErasureGuard().BuildServiceProvider();

        var guarded = Assert.IsType<ErasureGuardedStore>(provider.GetRequiredService<IDocumentStore>());

        Assert.Same(adapter, guarded.Inner);
    }

    [Fact]
    public void AddErasureGuard_OverAType_CreatesItWithItsDependencies()
    {
        using var provider = new ServiceCollection().AddSingleton("typed").AddSingleton<IDocumentStore, NamedStore>().AddErasureGuard().BuildServiceProvider();

        var guarded = Assert.IsType<ErasureGuardedStore>(provider.GetRequiredService<IDocumentStore>());

        Assert.Equal("typed", Assert.IsType<NamedStore>(guarded.Inner).Name);
    }

    [Fact]
    public void AddErasureGuard_OverTheSqliteAdapter_GuardsIt()
    {
        using var provider = new ServiceCollection().AddSqliteDocumentStore(_temp.Options).AddErasureGuard().BuildServiceProvider();

        var guarded = Assert.IsType<ErasureGuardedStore>(provider.GetRequiredService<IDocumentStore>());

        Assert.IsNotType<ErasureGuardedStore>(guarded.Inner);
    }

    [Fact]
    public void AddErasureGuard_SeveralRegistrations_ReplacesTheLastAndKeepsTheCount()
    {
        var first = new NamedStore("first");
        var last = new NamedStore("last");
        var services = new ServiceCollection().AddSingleton<IDocumentStore>(first).AddSingleton<IDocumentStore>(last);

        services.AddErasureGuard();

        using var provider = services.BuildServiceProvider();
        var stores = provider.GetServices<IDocumentStore>().ToList();
        Assert.Equal(2, stores.Count);
        Assert.Same(first, stores[0]);
        Assert.Same(last, Assert.IsType<ErasureGuardedStore>(stores[1]).Inner);
    }

    [Fact]
    public void AddErasureGuard_WithoutAStore_FailsSayingToRegisterItFirst()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddErasureGuard());

        Assert.Equal("Register the document store before its erasure guard.", error.Message);
    }

    [Fact]
    public void AddErasureGuard_WithoutServices_NamesTheArgument()
    {
        var error = Assert.Throws<ArgumentNullException>(() => ((IServiceCollection)null!).AddErasureGuard());

        Assert.Equal("services", error.ParamName);
    }

    [Fact]
    public void SubjectErasedException_NamesTheContainerAndNoUser()
    {
        var error = new SubjectErasedException(Containers.Submissions);

        Assert.Equal(Containers.Submissions, error.Container);
        Assert.Equal("A write to 'submissions' concerns an erased student; it was refused.", error.Message);
    }

    /// <summary>A store that only has a name (never called: these tests look at the composition).</summary>
    private sealed class NamedStore(string name) : IDocumentStore
    {
        public string Name => name;

        public Task<StoredDocument?> GetAsync(TenantId tenant, string container, string id, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<StoredDocument?> GetAsync(TenantId tenant, string container, string id, string partition, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<WriteResult> CreateAsync(TenantId tenant, string container, string id, string partition, string json, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<WriteResult> ReplaceAsync(TenantId tenant, string container, string id, string partition, string json, string? ifMatch, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<bool> DeleteAsync(TenantId tenant, string container, string id, string? ifMatch = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlyList<StoredDocument>> QueryAsync(TenantId tenant, string container, DocumentQuery query, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
