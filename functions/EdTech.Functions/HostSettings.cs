using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace EdTech.Functions;

/// <summary>
/// App settings the Functions host resolves itself (host.json "%TASKHUB_NAME%", the timers' "%…_SCHEDULE%",
/// the durable and host storage connections). The worker sees the same settings, so it refuses to start,
/// naming each missing one, instead of the host failing later with a listener error per trigger.
/// </summary>
public static class HostSettings
{
    public static IReadOnlyList<(string Name, string Purpose)> Required { get; } =
    [
        ("TASKHUB_NAME", "the durable task hub name (host.json extensions.durableTask.hubName)"),
        ("DURABLE_TASK_SCHEDULER_CONNECTION_STRING", "the Durable Task Scheduler connection, e.g. Endpoint=https://…;Authentication=ManagedIdentity;ClientID=…"),
        ("RECONCILE_GRADING_SCHEDULE", "the six-field CRON schedule of the grading reconciler timer"),
        ("RELEASE_DUE_SCHEDULE", "the six-field CRON schedule of the due-results release timer"),
        ("CALIBRATE_SCHEDULE", "the six-field CRON schedule of the nightly item calibration (e.g. 0 30 2 * * *)"),
        ("NIGHTLY_RELEASE_SCHEDULE", "the six-field CRON schedule of the nightly per-time-zone release sweep (hourly, e.g. 0 0 * * * *)"),
    ];

    /// <summary>Every required setting that is missing or blank, with what it is for.</summary>
    public static IReadOnlyList<string> Problems(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var problems = Required
            .Where(s => string.IsNullOrWhiteSpace(configuration[s.Name]))
            .Select(s => $"App setting {s.Name} is missing: {s.Purpose}.")
            .ToList();
        if (string.IsNullOrWhiteSpace(configuration["AzureWebJobsStorage"])
            && string.IsNullOrWhiteSpace(configuration["AzureWebJobsStorage:accountName"])
            && string.IsNullOrWhiteSpace(configuration["AzureWebJobsStorage:blobServiceUri"]))
        {
            problems.Add("App setting AzureWebJobsStorage is missing: the host's own storage (a connection string, or AzureWebJobsStorage__accountName with __credential=managedidentity).");
        }

        return problems;
    }

    /// <summary>
    /// Outside Development (func start on a laptop, the test host) the Functions app keeps no state on its
    /// instance: every instance would open its own SQLite file and data folder, so the store must be Cosmos DB
    /// and no data folder may be configured. Each problem names the app setting as Azure spells it.
    /// </summary>
    public static IReadOnlyList<string> StateProblems(IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        if (environment.IsDevelopment())
        {
            return [];
        }

        var problems = new List<string>();
        var provider = configuration["Store:Provider"];
        if (!string.Equals(provider?.Trim(), "cosmos", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add(
                $"App setting Store__Provider must be 'cosmos' in the Functions app (got '{provider ?? "(unset: sqlite)"}'): SQLite is a file on one instance's local disk, " +
                $"so each instance would see its own data. Set Store__Provider=cosmos and Store__Cosmos__Endpoint (docs/configuration.md); SQLite is for the LocalHost and the '{Environments.Development}' environment only.");
        }

        foreach (var key in new[] { "Data", "EdTech:DataDirectory" })
        {
            if (!string.IsNullOrWhiteSpace(configuration[key]))
            {
                problems.Add($"App setting {key.Replace(":", "__", StringComparison.Ordinal)} must not be set in the Functions app (got '{configuration[key]}'): a local data folder is per instance and lost on scale-in.");
            }
        }

        return problems;
    }

    public static void EnsureValid(IConfiguration configuration, IHostEnvironment environment)
    {
        var problems = Problems(configuration).Concat(StateProblems(configuration, environment)).ToList();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("The Functions app cannot start:" + Environment.NewLine + string.Join(Environment.NewLine, problems));
        }
    }
}
