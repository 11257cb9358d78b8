using EdTech.Infrastructure.Storage.Sqlite;

namespace EdTech.Testing;

/// <summary>
/// A SQLite document store in a fresh folder under the temp directory: the folder and everything written to it
/// (the database, its WAL, an outbox's files) are deleted when this is disposed. The store opens on first use, so a
/// test that wires the store through DI (<see cref="Options"/>) or hands the folder to a host never opens a second one.
/// </summary>
public sealed class TempSqliteStore(string prefix = "edt") : IAsyncDisposable
{
    private SqliteDocumentStore? _store;

    /// <summary>The folder, unique per instance; created by the store when it opens.</summary>
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)]);

    /// <summary>The database file where the hosts keep it: <c>edtech.db</c> in the data folder.</summary>
    public SqliteStoreOptions Options => new(Path.Combine(Directory, "edtech.db"));

    /// <summary>The store over <see cref="Options"/>, opened on first use.</summary>
    public SqliteDocumentStore Store => _store ??= SqliteDocumentStore.Open(Options);

    /// <summary>Closes the store (as a crash or restart would) and opens it again over the same file.</summary>
    public async Task<SqliteDocumentStore> ReopenAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
            _store = null;
        }

        return Store;
    }

    public async ValueTask DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }

        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }
}
