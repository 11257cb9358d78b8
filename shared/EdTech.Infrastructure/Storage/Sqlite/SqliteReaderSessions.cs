using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace EdTech.Infrastructure.Storage.Sqlite;

/// <summary>
/// Open reader connections, each with the point read and the checkpoint read compiled once. A point read is the store's most
/// frequent call (several per submission); compiling its SQL anew each time was a measurable share of the host's CPU at the
/// exam peak. A session serves one caller at a time; at most <see cref="MaxIdle"/> are kept, the rest are closed.
/// </summary>
internal sealed class SqliteReaderSessions(string connectionString)
{
    private const int MaxIdle = 16;

    private readonly ConcurrentBag<Session> _idle = [];
    private int _idleCount;

    public Session Rent()
    {
        if (_idle.TryTake(out var session))
        {
            Interlocked.Decrement(ref _idleCount);
            return session;
        }

        return Session.Open(connectionString);
    }

    /// <summary>Back to the pool after a clean use; a session whose call failed is closed instead (its state is unknown).</summary>
    public void Return(Session session, bool failed)
    {
        if (failed || Interlocked.Increment(ref _idleCount) > MaxIdle)
        {
            if (!failed)
            {
                Interlocked.Decrement(ref _idleCount);
            }

            session.Dispose();
            return;
        }

        _idle.Add(session);
    }

    /// <summary>Closes every idle session (so the file can be released).</summary>
    public void Clear()
    {
        while (_idle.TryTake(out var session))
        {
            Interlocked.Decrement(ref _idleCount);
            session.Dispose();
        }
    }

    internal sealed class Session : IDisposable
    {
        private readonly SqliteConnection _connection;

        private Session(SqliteConnection connection)
        {
            _connection = connection;
            Get = Prepare($"SELECT {SqliteRows.Columns} FROM documents WHERE tenant = $tenant AND container = $container AND id = $id;", "$tenant", "$container", "$id");
            Checkpoint = Prepare("SELECT seq FROM checkpoints WHERE consumer = $consumer;", "$consumer");
        }

        public SqliteCommand Get { get; }

        public SqliteCommand Checkpoint { get; }

        public static Session Open(string connectionString)
        {
            var connection = new SqliteConnection(connectionString);
            try
            {
                connection.Open();
                return new Session(connection);
            }
            catch
            {
                connection.Dispose();
                throw;
            }
        }

        public void Dispose()
        {
            Get.Dispose();
            Checkpoint.Dispose();
            _connection.Dispose();
        }

        private SqliteCommand Prepare(string sql, params string[] parameterNames)
        {
            var command = _connection.CreateCommand();
            command.CommandText = sql;
            foreach (var name in parameterNames)
            {
                command.Parameters.Add(new SqliteParameter(name, DBNull.Value));
            }

            command.Prepare();
            return command;
        }
    }
}
