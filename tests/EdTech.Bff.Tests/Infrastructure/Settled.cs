using EdTech.Application.ChangeFeed;
using EdTech.Infrastructure.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace EdTech.Bff.Tests.Infrastructure;

/// <summary>
/// Positive signals that the system has finished processing, for "nothing happens" checks: assert absence only after these,
/// never after a fixed pause (which passes vacuously when the unwanted effect arrives late).
/// </summary>
public static class Settled
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Waits until every change-feed consumer's checkpoint is at or past the store's newest change, and that newest change
    /// did not move meanwhile (a handler's own writes are changes too, so the feed is drained to a fixed point).
    /// </summary>
    public static async Task FeedAsync(ApiFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var feed = (IChangeFeed)factory.Services.GetRequiredService<SqliteDocumentStore>();
        var consumers = factory.Services.GetServices<IChangeFeedHandler>().Select(h => h.Name).ToList();
        var deadline = DateTime.UtcNow + Patience;
        var lagging = "";
        while (DateTime.UtcNow < deadline)
        {
            var newest = NewestSequence(factory.DataDirectory);
            lagging = "";
            foreach (var consumer in consumers)
            {
                var checkpoint = await feed.GetCheckpointAsync(consumer);
                if (checkpoint < newest)
                {
                    lagging += $"{consumer} at {checkpoint} < {newest}; ";
                }
            }

            if (lagging.Length == 0 && NewestSequence(factory.DataDirectory) == newest)
            {
                return;
            }

            await Task.Delay(25);
        }

        Assert.Fail($"The change feed did not settle within {Patience}: {lagging}");
    }

    /// <summary>
    /// Waits until every durable instance whose id starts with <paramref name="instanceIdPrefix"/> (at least one) has completed,
    /// then until the feed has handled what they wrote.
    /// </summary>
    public static async Task OrchestrationsAsync(ApiFactory factory, string instanceIdPrefix)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var client = factory.Services.GetRequiredService<DurableTaskClient>();
        var deadline = DateTime.UtcNow + Patience;
        var seen = "none";
        while (DateTime.UtcNow < deadline)
        {
            var instances = new List<OrchestrationMetadata>();
            await foreach (var instance in client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = instanceIdPrefix }))
            {
                instances.Add(instance);
            }

            Assert.DoesNotContain(instances, i => i.RuntimeStatus is OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated);
            seen = string.Join(", ", instances.Select(i => $"{i.InstanceId} {i.RuntimeStatus}"));
            if (instances.Count > 0 && instances.All(i => i.RuntimeStatus == OrchestrationRuntimeStatus.Completed))
            {
                await FeedAsync(factory);
                return;
            }

            await Task.Delay(25);
        }

        Assert.Fail($"The instances {instanceIdPrefix}* did not all complete within {Patience}: {seen}");
    }

    private static long NewestSequence(string dataDirectory)
    {
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(dataDirectory, "edtech.db"),
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString();
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(MAX(seq), 0) FROM documents";
        return (long)command.ExecuteScalar()!;
    }
}
