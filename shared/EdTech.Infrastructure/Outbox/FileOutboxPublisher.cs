using System.Text.Json;
using EdTech.Application.Outbox;
using EdTech.Application.Serialization;
using Microsoft.Extensions.Logging;

namespace EdTech.Infrastructure.Outbox;

/// <summary>
/// The LocalHost's outbox adapter: appends one JSON line per message to <c>{directory}/{source}.log</c> (notifications.log,
/// integration-events.log) and logs it structured. Publishes once per message id: the ids already in the files (read at the first
/// publish, so also across restarts) are skipped, as Service Bus duplicate detection drops a re-sent id.
/// </summary>
public sealed class FileOutboxPublisher(string directory, ILogger<FileOutboxPublisher> logger) : IOutboxPublisher, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, HashSet<string>> _published = new(StringComparer.Ordinal);

    public string Directory { get; } = directory;

    public string PathOf(string source) => Path.Combine(Directory, source + ".log");

    public async Task PublishAsync(IReadOnlyList<OutboxMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (var group in messages.GroupBy(m => m.Source, StringComparer.Ordinal))
            {
                await AppendAsync(group.Key, group.ToList(), cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private async Task AppendAsync(string source, IReadOnlyList<OutboxMessage> messages, CancellationToken ct)
    {
        if (!_published.TryGetValue(source, out var published))
        {
            published = await ReadPublishedAsync(PathOf(source), ct).ConfigureAwait(false);
            _published[source] = published;
        }

        var lines = new List<string>();
        foreach (var message in messages)
        {
            if (!published.Add(message.Id))
            {
                logger.LogInformation("Outbox message {MessageId} was already published; not written again", message.Id);
                continue;
            }

            using var body = JsonDocument.Parse(message.Body);
            lines.Add(JsonSerializer.Serialize(new Line(message.Id, message.Subject, message.SessionId, message.Tenant.Value, body.RootElement), EdTechJson.Options));
            logger.LogInformation("Published {MessageId} ({Subject}) in {TenantId}", message.Id, message.Subject, message.Tenant);
        }

        if (lines.Count > 0)
        {
            System.IO.Directory.CreateDirectory(Directory);
            await File.AppendAllTextAsync(PathOf(source), string.Concat(lines.Select(l => l + "\n")), ct).ConfigureAwait(false);
        }
    }

    private static async Task<HashSet<string>> ReadPublishedAsync(string path, CancellationToken ct)
    {
        var published = new HashSet<string>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            return published;
        }

        foreach (var text in await File.ReadAllLinesAsync(path, ct).ConfigureAwait(false))
        {
            // A line torn by a crash mid-append is not a publication: skipped, so that message is written again.
            try
            {
                if (text.Length > 0 && JsonSerializer.Deserialize<Line>(text, EdTechJson.Options) is { MessageId: { } id })
                {
                    published.Add(id);
                }
            }
            catch (JsonException)
            {
            }
        }

        return published;
    }

    /// <summary>One line: the envelope Service Bus would carry (message id, subject, session, tenant) and the body.</summary>
    private sealed record Line(string MessageId, string Subject, string? SessionId, string TenantId, JsonElement Body);
}
