using EdTech.Application.ChangeFeed;
using EdTech.Infrastructure.Cosmos;

namespace EdTech.Functions.Tests.ChangeFeed;

/// <summary>How the Cosmos DB triggers differ from <see cref="ChangeFeedCatalog"/> (empty when they match).</summary>
internal static class TriggerCatalogCheck
{
    public const string Connection = "CosmosTrigger";

    /// <summary>The database the triggers watch: the store's default (Bicep's database name).</summary>
    public static string Database { get; } = new CosmosStoreOptions { Endpoint = new Uri("https://example.documents.azure.com/") }.Database;

    public static IReadOnlyList<string> Problems(IReadOnlyList<CosmosTrigger> triggers, IReadOnlyList<ChangeFeedConsumer> catalog)
    {
        var problems = new List<string>();
        foreach (var t in triggers)
        {
            var consumer = catalog.FirstOrDefault(c => c.Name == t.Handler);
            if (consumer is null)
            {
                problems.Add($"Trigger {t.Function} dispatches to '{t.Handler ?? "(nothing)"}', which names no ChangeFeedCatalog handler.");
                continue;
            }

            if (t.Container is null || !consumer.Containers.Contains(t.Container))
            {
                problems.Add($"Trigger {t.Function} watches '{t.Container}', which {consumer.Name} does not read.");
                continue;
            }

            if (t.DispatchedContainer != t.Container)
            {
                problems.Add($"Trigger {t.Function} watches '{t.Container}' but dispatches its changes as '{t.DispatchedContainer}'.");
            }

            if (t.LeasePrefix != consumer.LeasePrefix(t.Container))
            {
                problems.Add($"Trigger {t.Function} has lease prefix '{t.LeasePrefix}'; the catalog's is '{consumer.LeasePrefix(t.Container)}'.");
            }

            if (t.Connection != Connection || t.LeaseContainer != CosmosStoreOptions.LeaseContainer || t.Database != Database)
            {
                problems.Add($"Trigger {t.Function} must use connection '{Connection}', database '{Database}' and lease container '{CosmosStoreOptions.LeaseContainer}'.");
            }

            if (t.HasDurableClient != consumer.StartsDurableWork || (t.HasDurableClient && !t.BindsDurableClient))
            {
                problems.Add($"Trigger {t.Function}: {consumer.Name} {(consumer.StartsDurableWork ? "starts" : "does not start")} durable work, so it " +
                    $"{(consumer.StartsDurableWork ? "must take and bind" : "takes no")} a [DurableClient] binding.");
            }

            if (!t.RetriesForever)
            {
                problems.Add($"Trigger {t.Function} needs [ExponentialBackoffRetry(-1, ...)]: without a retry policy the host checkpoints past a failed batch.");
            }

            if (consumer.Urgency == ChangeFeedUrgency.Immediate && t.FeedPollDelay is < 1 or > 1000)
            {
                problems.Add($"Trigger {t.Function} serves an Immediate consumer: FeedPollDelay must be at most 1000 ms (it is {t.FeedPollDelay}).");
            }
        }

        problems.AddRange(triggers.GroupBy(t => t.LeasePrefix).Where(g => g.Count() > 1)
            .Select(g => $"Triggers {string.Join(", ", g.Select(t => t.Function))} share lease prefix '{g.Key}'."));
        problems.AddRange(triggers.GroupBy(t => t.Function).Where(g => g.Count() > 1).Select(g => $"Function name {g.Key} is used {g.Count()} times."));
        problems.AddRange(triggers.GroupBy(t => (t.Handler, t.Container)).Where(g => g.Count() > 1)
            .Select(g => $"{g.Key.Handler} on '{g.Key.Container}' has {g.Count()} triggers ({string.Join(", ", g.Select(t => t.Function))})."));
        foreach (var consumer in catalog)
        {
            problems.AddRange(consumer.Containers.Where(c => !triggers.Any(t => t.Handler == consumer.Name && t.Container == c))
                .Select(c => $"Catalog handler {consumer.Name} has no trigger on '{c}'."));
        }

        return problems;
    }
}
