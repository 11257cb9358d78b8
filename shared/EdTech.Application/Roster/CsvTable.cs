namespace EdTech.Application.Roster;

/// <summary>One CSV record: its 1-based row number in the file (the header is row 1) and its fields.</summary>
public sealed record CsvRecord(int Row, IReadOnlyList<string> Fields);

/// <summary>A parsed CSV file: header names and the data records (blank lines skipped).</summary>
public sealed record CsvTable(IReadOnlyList<string> Header, IReadOnlyList<CsvRecord> Records)
{
    /// <summary>The column's index, matched case-insensitively (OneRoster names are camelCase; exporters vary the case), or -1.</summary>
    public int IndexOf(string column)
    {
        for (var i = 0; i < Header.Count; i++)
        {
            if (string.Equals(Header[i].Trim(), column, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }
}
