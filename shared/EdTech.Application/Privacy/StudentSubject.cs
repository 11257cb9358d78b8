using System.Buffers;
using System.Text;
using System.Text.Json;

namespace EdTech.Application.Privacy;

/// <summary>
/// Finds a top-level string field of a stored document without building a DOM: the erasure guard needs one field (the student)
/// of every guarded write, and parsing the whole document into a <see cref="JsonDocument"/> for it was a visible share of the
/// host's CPU at the exam peak. Same answers as <c>JsonDocument.Parse(json).RootElement.TryGetProperty(field)</c>: the whole
/// document is still read (malformed JSON throws a <see cref="JsonException"/>), a root that is not an object or a field that is
/// not a string gives null, and of duplicate names the last one counts, as <see cref="JsonElement.TryGetProperty(string, out JsonElement)"/> does.
/// </summary>
internal static class StudentSubject
{
    private const int StackLimit = 1024;

    public static string? TopLevelString(string json, string field)
    {
        var max = Encoding.UTF8.GetMaxByteCount(json.Length);
        byte[]? rented = null;
        Span<byte> buffer = max <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(max));
        try
        {
            var length = Encoding.UTF8.GetBytes(json, buffer);
            return Scan(buffer[..length], field);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static string? Scan(ReadOnlySpan<byte> utf8, string field)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 64 });
        string? found = null;
        if (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var match = reader.ValueTextEquals(field);
                reader.Read();
                if (match)
                {
                    found = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }

                reader.Skip();
            }
        }
        else
        {
            reader.Skip();
        }

        // To the end: trailing content after the root is malformed, as for JsonDocument.
        while (reader.Read())
        {
        }

        return found;
    }
}
