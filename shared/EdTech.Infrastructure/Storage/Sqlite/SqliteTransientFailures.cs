using EdTech.Application.ChangeFeed;
using Microsoft.Data.Sqlite;

namespace EdTech.Infrastructure.Storage.Sqlite;

/// <summary>SQLITE_BUSY (5) and SQLITE_LOCKED (6): another connection holds the lock for a moment. Never poisoned.</summary>
public sealed class SqliteTransientFailures : ITransientFailures
{
    public bool IsTransient(Exception exception) => exception is SqliteException { SqliteErrorCode: 5 or 6 };
}
