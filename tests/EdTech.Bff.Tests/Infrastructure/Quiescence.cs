using EdTech.Application.ChangeFeed;
using EdTech.Domain.Tenancy;
using EdTech.Orchestrations.Grading;
using Microsoft.Data.Sqlite;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace EdTech.Bff.Tests.Infrastructure;

/// <summary>
/// Positive signals that background work has finished (never a fixed sleep): every change-feed consumer's checkpoint has passed
/// the newest stored change, and each named grading instance is finished (or was never started, its submission being gone).
/// </summary>
public static class Quiescence
{
    public static async Task WaitAsync(ApiFactory factory, string tenant, IEnumerable<string> submissionIds, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(60));
        var feed = factory.Services.GetRequiredService<IChangeFeed>();
        var durable = factory.Services.GetRequiredService<DurableTaskClient>();
        var ids = submissionIds.ToList();
        while (DateTime.UtcNow < deadline)
        {
            // Feed first (then start-grading has scheduled every instance it will), then grading, then nothing new since.
            var head = Head(factory);
            if (await FeedCaughtUpAsync(feed, head) && await GradingFinishedAsync(durable, tenant, ids) && Head(factory) == head && await FeedCaughtUpAsync(feed, head))
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"Background work of {tenant} did not settle.");
    }

    /// <summary>Whether <paramref name="consumer"/>'s checkpoint has passed <paramref name="sequence"/>.</summary>
    public static async Task<bool> PassedAsync(ApiFactory factory, string consumer, long sequence) =>
        await factory.Services.GetRequiredService<IChangeFeed>().GetCheckpointAsync(consumer) >= sequence;

    /// <summary>The newest sequence of any stored document (the change feed's head; deletes leave none).</summary>
    public static long Head(ApiFactory factory)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(factory.DataDirectory, "edtech.db"), Mode = SqliteOpenMode.ReadOnly, Pooling = false,
        }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(MAX(seq), 0) FROM documents";
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<bool> FeedCaughtUpAsync(IChangeFeed feed, long head)
    {
        foreach (var consumer in ChangeFeedCatalog.All)
        {
            if (await feed.GetCheckpointAsync(consumer.Name) < head)
            {
                return false;
            }
        }

        return true;
    }

    private static async Task<bool> GradingFinishedAsync(DurableTaskClient durable, string tenant, IReadOnlyList<string> submissionIds)
    {
        foreach (var id in submissionIds)
        {
            var instance = await durable.GetInstanceAsync(GradeSubmissionInput.InstanceIdFor(new TenantId(tenant), id));
            if (instance is not null && !instance.IsCompleted)
            {
                return false;
            }
        }

        return true;
    }
}
