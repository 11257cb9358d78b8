using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EdTech.Application.Storage;

namespace EdTech.Application.ChangeFeed;

/// <summary>
/// A change a handler gave up on, kept in the <c>poison</c> container of the change's tenant so an operator can see it,
/// fix the cause and replay it (touch the document, or delete the record once resolved). It names the document
/// (container, id, sequence, ETag) rather than copying it: the document stays where it is. Only a malformed item, which
/// could not be read as a document, keeps its raw text (at most <see cref="MaxRawChars"/> characters) as the evidence.
/// The id is derived from handler, container, document and sequence, so a redelivered failure writes the same record.
/// Partitioned by handler; <see cref="UserId"/> lets a student's export and erasure find the records about their documents.
/// </summary>
public sealed record ChangeFeedPoisonRecord(
    string Id,
    string Handler,
    string SourceContainer,
    string? DocumentId,
    long? Sequence,
    string? ETag,
    string Reason,
    string Error,
    int Attempts,
    DateTimeOffset PoisonedAt,
    string? UserId = null,
    string? RawItem = null) : IStoredRecord
{
    /// <summary>The handler kept failing on the change (<see cref="ChangeFeedRetryOptions.MaxAttempts"/> attempts).</summary>
    public const string HandlerFailed = "handler-failed";

    /// <summary>The change could not be read (not the store's item shape, or its JSON does not fit the record).</summary>
    public const string Malformed = "malformed";

    public const int MaxRawChars = 4096;

    private const int MaxIdLength = 200;

    public static string Container => Containers.Poison;

    public string PartitionKey => Handler;

    public static ChangeFeedPoisonRecord ForChange(string handler, StoredDocument change, string reason, Exception error, int attempts, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(error);
        return new ChangeFeedPoisonRecord(
            IdFor(handler, change.Container, change.Id, change.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            handler, change.Container, change.Id, change.Sequence, change.ETag, reason, Describe(error), attempts, now,
            UserIdOf(change.Json), reason == Malformed ? Truncate(change.Json) : null);
    }

    public static ChangeFeedPoisonRecord ForMalformedItem(string handler, string container, string? documentId, string rawItem, Exception error, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(rawItem);
        ArgumentNullException.ThrowIfNull(error);
        var key = documentId ?? "sha256-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(rawItem)))[..32];
        return new ChangeFeedPoisonRecord(IdFor(handler, container, key, "raw"), handler, container, documentId, null, null, Malformed,
            Describe(error), 1, now, null, Truncate(rawItem));
    }

    /// <summary>A key-safe id (no '/', '\\', '?', '#'), shortened with a hash when long.</summary>
    public static string IdFor(string handler, string container, string documentId, string version)
    {
        var raw = $"{handler}.{container}.{documentId}.{version}";
        var safe = new string(raw.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or ':' ? c : '_').ToArray());
        return safe.Length <= MaxIdLength
            ? safe
            : string.Concat(safe.AsSpan(0, MaxIdLength - 33), "~", Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(raw))).AsSpan(0, 32));
    }

    private static string Describe(Exception error) => Truncate($"{error.GetType().FullName}: {error.Message}")!;

    private static string? Truncate(string? text) => text is null || text.Length <= MaxRawChars ? text : text[..MaxRawChars];

    /// <summary>The document's top-level <c>userId</c>, when it has one (submissions, views, enrollments...).</summary>
    private static string? UserIdOf(string json)
    {
        try
        {
            // Plain locals, no out variable in a && chain: Stryker's safe mode would drop every mutant of the method.
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var found = root.TryGetProperty("userId", out var user);
            return found && user.ValueKind == JsonValueKind.String ? user.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
