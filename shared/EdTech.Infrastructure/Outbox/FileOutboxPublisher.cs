using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EdTech.Application.Outbox;
using EdTech.Application.Serialization;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;
using Microsoft.Extensions.Logging;

namespace EdTech.Infrastructure.Outbox;

/// <summary>
/// The LocalHost's outbox adapter: appends one JSON line per message to <c>{directory}/{source}.log</c> (notifications.log,
/// integration-events.log) and logs it structured. Publishes once per message id: the ids already in the files (read at the first
/// publish, so also across restarts) are skipped, as Service Bus duplicate detection drops a re-sent id.
/// Erasure (<see cref="ForgetSubjectAsync"/>) replaces each line naming the student by a line holding only the SHA-256 of its
/// message id (<c>{"forgotten":"…"}</c>), so the student's id, name and data leave the files and the id is still never re-sent.
/// The once-only memory is a window: the last <see cref="OnceOnlyWindow"/> ids per file (a re-send comes within seconds of the
/// first send; Service Bus's duplicate detection is a window too, and consumers drop ids they have seen), so it stays bounded.
/// </summary>
public sealed class FileOutboxPublisher(string directory, ILogger<FileOutboxPublisher> logger) : IOutboxPublisher, IOutboxArchive, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    /// <summary>Message ids remembered per file for the once-only check (about 5 MB at most per file).</summary>
    public const int OnceOnlyWindow = 100_000;

    private readonly Dictionary<string, RecentIds> _published = new(StringComparer.Ordinal);

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

    public async Task<int> ForgetSubjectAsync(TenantId tenant, string userId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var forgotten = 0;
            foreach (var source in Containers.All.Where(c => File.Exists(PathOf(c))))
            {
                forgotten += await ForgetAsync(PathOf(source), tenant, userId, cancellationToken).ConfigureAwait(false);
            }

            logger.LogInformation("Forgot {Count} published outbox line(s) of an erased subject in {TenantId}", forgotten, tenant);
            return forgotten;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    /// <summary>What the once-only memory keeps of a message id: its SHA-256, so a forgotten line can keep it without the id.</summary>
    private static string Key(string messageId) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(messageId)));

    /// <summary>Rewrites one log without the subject's lines (a temporary file moved over the old one: a crash leaves either).</summary>
    private static async Task<int> ForgetAsync(string path, TenantId tenant, string userId, CancellationToken ct)
    {
        var lines = await File.ReadAllLinesAsync(path, ct).ConfigureAwait(false);
        var forgotten = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            if (Parse(lines[i]) is { } line && line.TenantId == tenant.Value && Names(line, userId))
            {
                lines[i] = JsonSerializer.Serialize(new ForgottenLine(Key(line.MessageId)), EdTechJson.Options);
                forgotten++;
            }
        }

        if (forgotten > 0)
        {
            var temporary = path + ".tmp";
            await File.WriteAllTextAsync(temporary, string.Concat(lines.Select(l => l + "\n")), ct).ConfigureAwait(false);
            File.Move(temporary, path, overwrite: true);
        }

        return forgotten;
    }

    /// <summary>A line names the subject when its message id or session has the user id as a segment, or any string in its body is it.</summary>
    private static bool Names(Line line, string userId) =>
        new[] { line.MessageId, line.SessionId ?? string.Empty }.Any(s => s.Split('/', ':').Contains(userId, StringComparer.Ordinal)) ||
        Strings(line.Body).Any(s => s == userId || s.Split('/', ':').Contains(userId, StringComparer.Ordinal));

    private static IEnumerable<string> Strings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Strings(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Strings),
        _ => [],
    };

    private static Line? Parse(string text)
    {
        try
        {
            return text.Length > 0 && JsonSerializer.Deserialize<Line>(text, EdTechJson.Options) is { MessageId: not null, TenantId: not null } line ? line : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

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
            if (!published.Add(Key(message.Id)))
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

    private static async Task<RecentIds> ReadPublishedAsync(string path, CancellationToken ct)
    {
        var published = new RecentIds(OnceOnlyWindow);
        if (!File.Exists(path))
        {
            return published;
        }

        // Streamed, not read whole: the file grows for the life of the data folder.
        await foreach (var text in File.ReadLinesAsync(path, ct).ConfigureAwait(false))
        {
            // A line torn by a crash mid-append is not a publication: skipped, so that message is written again.
            if (Parse(text) is { } line)
            {
                published.Add(Key(line.MessageId));
            }
            else if (ParseForgotten(text) is { } key)
            {
                published.Add(key);
            }
        }

        return published;
    }

    private static string? ParseForgotten(string text)
    {
        try
        {
            return text.Length > 0 && JsonSerializer.Deserialize<ForgottenLine>(text, EdTechJson.Options) is { Forgotten: { Length: > 0 } key } ? key : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>What is left of an erased subject's line: the hash of its message id (<see cref="Key"/>).</summary>
    private sealed record ForgottenLine(string Forgotten);

    /// <summary>One line: the envelope Service Bus would carry (message id, subject, session, tenant) and the body.</summary>
    private sealed record Line(string MessageId, string Subject, string? SessionId, string TenantId, JsonElement Body);
}
