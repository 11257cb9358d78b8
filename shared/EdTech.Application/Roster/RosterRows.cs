using EdTech.Domain.Tenancy;

namespace EdTech.Application.Roster;

/// <summary>Reads the rows of one file: field access by column name and the checks every OneRoster file shares (sourcedId, status, duplicates).</summary>
public sealed class RosterRows(string file, CsvTable table, FileTally tally, List<RosterRowError> errors)
{
    private readonly HashSet<int> _rejected = [];

    public string File => file;

    public FileTally Tally => tally;

    /// <summary>
    /// Each well-formed row whose sourcedId is valid and unique in the file, with whether it is
    /// "tobedeleted". Every occurrence of a duplicated sourcedId is rejected: which one is meant is unknowable.
    /// </summary>
    public IEnumerable<(CsvRecord Record, string Id, bool Delete)> Rows()
    {
        tally.Rows = table.Records.Count;
        var idColumn = table.IndexOf("sourcedId");
        var counts = table.Records.Where(r => idColumn < r.Fields.Count).GroupBy(r => r.Fields[idColumn].Trim(), StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        foreach (var record in table.Records)
        {
            if (record.Fields.Count != table.Header.Count)
            {
                Reject(record, "", $"Has {record.Fields.Count} fields; the header has {table.Header.Count}.");
                continue;
            }

            var id = Get(record, "sourcedId");
            var status = Get(record, "status");
            if (id.Length == 0)
            {
                Reject(record, "sourcedId", "Required.");
            }
            else if (!ResourceId.IsValid(id))
            {
                Reject(record, "sourcedId", "Letters, digits, '.', '_', '@' or '-', at most 128, starting with a letter or digit.");
            }
            else if (counts[id] > 1)
            {
                Reject(record, "sourcedId", $"Duplicate sourcedId '{id}' in {file}.");
            }
            else if (status.Length > 0 && !status.Equals("active", StringComparison.OrdinalIgnoreCase) && !status.Equals("tobedeleted", StringComparison.OrdinalIgnoreCase))
            {
                Reject(record, "status", "'active', 'tobedeleted' or empty (bulk).");
            }
            else
            {
                yield return (record, id, status.Equals("tobedeleted", StringComparison.OrdinalIgnoreCase));
            }
        }
    }

    /// <summary>The trimmed field, or "" when the column is absent.</summary>
    public string Get(CsvRecord record, string column)
    {
        var i = table.IndexOf(column);
        return i >= 0 && i < record.Fields.Count ? record.Fields[i].Trim() : string.Empty;
    }

    public bool HasColumn(string column) => table.IndexOf(column) >= 0;

    /// <summary>The comma-separated ids in a list column (e.g. orgSourcedIds).</summary>
    public IReadOnlyList<string> List(CsvRecord record, string column) =>
        Get(record, column).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public void Reject(CsvRecord record, string field, string message) => Reject(record.Row, field, message);

    /// <summary>Rejects the row unless <paramref name="unless"/> holds.</summary>
    public void Reject(CsvRecord record, string field, string message, bool unless)
    {
        if (!unless)
        {
            Reject(record.Row, field, message);
        }
    }

    public bool IsRejected(CsvRecord record) => _rejected.Contains(record.Row);

    public void Reject(int row, string field, string message)
    {
        errors.Add(new RosterRowError(file, row, field, message));
        if (_rejected.Add(row))
        {
            tally.Errors++;
        }
    }
}
