using System.Text;

namespace EdTech.Application.Roster;

/// <summary>
/// RFC 4180 CSV: fields separated by ',', records by CRLF or LF, fields in double quotes may hold
/// commas, line breaks and doubled quotes (""). A UTF-8 byte-order mark is dropped. Strict UTF-8:
/// a roster with broken bytes is rejected rather than imported with replacement characters.
/// </summary>
public static class CsvReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The table, or an error message (bad UTF-8, unterminated quote, no header).</summary>
    public static (CsvTable? Table, string? Error) Parse(ReadOnlySpan<byte> bytes)
    {
        string text;
        try
        {
            text = StrictUtf8.GetString(bytes.StartsWith("\uFEFF"u8) ? bytes[3..] : bytes);
        }
        catch (DecoderFallbackException)
        {
            return (null, "Not valid UTF-8.");
        }

        return Parse(text);
    }

    public static (CsvTable? Table, string? Error) Parse(string text)
    {
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        var records = new List<CsvRecord>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var row = 1;
        var recordRow = 1;
        var quoted = false;
        var fieldStarted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    row += c == '\n' ? 1 : 0;
                    field.Append(c);
                }

                continue;
            }

            switch (c)
            {
                case '"' when field.Length == 0 && !fieldStarted:
                    quoted = true;
                    fieldStarted = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    fieldStarted = false;
                    break;
                case '\r' when i + 1 < text.Length && text[i + 1] == '\n':
                    break;
                case '\r' or '\n':
                    EndRecord();
                    row++;
                    recordRow = row;
                    break;
                default:
                    field.Append(c);
                    fieldStarted = true;
                    break;
            }
        }

        if (quoted)
        {
            return (null, $"Unterminated quoted field starting in row {recordRow}.");
        }

        EndRecord();
        if (records.Count == 0)
        {
            return (null, "No header row.");
        }

        return (new CsvTable(records[0].Fields, records.Skip(1).ToList()), null);

        void EndRecord()
        {
            fields.Add(field.ToString());
            field.Clear();
            fieldStarted = false;
            if (fields.Count > 1 || fields[0].Length > 0)
            {
                records.Add(new CsvRecord(recordRow, fields.ToArray()));
            }

            fields.Clear();
        }
    }
}
