namespace EdTech.Infrastructure.Storage.Sqlite;

/// <summary>Where the embedded store lives and how hard it flushes.</summary>
/// <param name="DatabasePath">The SQLite file; its directory is created when missing. A file, not ":memory:": readers use their own connections.</param>
/// <param name="SynchronousFull">
/// False (default): WAL with synchronous=NORMAL, where every completed write survives a process crash
/// but the newest commits may be lost on power failure. True: synchronous=FULL, which also survives power
/// failure at the cost of an fsync per group commit.
/// </param>
public sealed record SqliteStoreOptions(string DatabasePath, bool SynchronousFull = false);
