using Microsoft.Extensions.Configuration;

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

    public static void EnsureValid(IConfiguration configuration)
    {
        var problems = Problems(configuration);
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("The Functions app cannot start:" + Environment.NewLine + string.Join(Environment.NewLine, problems));
        }
    }
}
