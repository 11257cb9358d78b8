using EdTech.Application.ChangeFeed;
using EdTech.Application.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace EdTech.Infrastructure.Storage.Sqlite;

public static class SqliteServiceCollectionExtensions
{
    /// <summary>
    /// Registers one <see cref="SqliteDocumentStore"/> as both <see cref="IDocumentStore"/> and
    /// <see cref="IChangeFeed"/>: the feed must see the same writer's commits, and two writers on one file
    /// would fight over the write lock. The container disposes it, committing queued writes.
    /// </summary>
    public static IServiceCollection AddSqliteDocumentStore(this IServiceCollection services, SqliteStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(provider => SqliteDocumentStore.Open(options, provider.GetService<TimeProvider>()));
        services.AddSingleton<IDocumentStore>(provider => provider.GetRequiredService<SqliteDocumentStore>());
        services.AddSingleton<IChangeFeed>(provider => provider.GetRequiredService<SqliteDocumentStore>());
        services.AddSingleton<ITransientFailures, SqliteTransientFailures>();
        return services;
    }
}
