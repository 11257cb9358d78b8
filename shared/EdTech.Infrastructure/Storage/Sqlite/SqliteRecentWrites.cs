namespace EdTech.Infrastructure.Storage.Sqlite;

/// <summary>
/// The container of each of the last <see cref="Capacity"/> sequences this process committed, so a consumer's feed read can
/// pick its own containers' positions without reading every row of the window from the file (at the exam peak most commits
/// are other consumers' containers, and each of a dozen consumers read each row). Sequences are issued one per document
/// write, so every position after the store opened is here until a write <see cref="Capacity"/> positions later takes its slot.
/// The writer adds a batch's positions before it publishes the batch's sequence; readers only ask about committed positions.
/// </summary>
internal sealed class SqliteRecentWrites
{
    public const int Capacity = 16_384;

    private readonly Entry?[] _slots = new Entry?[Capacity];

    public void Add(long sequence, string container) => Volatile.Write(ref _slots[Slot(sequence)], new Entry(sequence, container));

    /// <summary>
    /// The positions in (<paramref name="after"/>, <paramref name="end"/>] written to one of <paramref name="containers"/>, in
    /// order, at most <paramref name="maxPositions"/> of them, and the end of the range they cover (the last one when there were
    /// more, else <paramref name="end"/>). A position whose document was rewritten or deleted since has no row any more; the
    /// caller reads the rows and takes its page from them. Null when a position of the range is not known here (written before
    /// the store opened, or its slot taken since): the caller reads the file instead.
    /// </summary>
    public (IReadOnlyList<long> Sequences, long CoveredUpTo)? Find(long after, long end, IReadOnlySet<string> containers, int maxPositions)
    {
        var found = new List<long>();
        for (var sequence = after + 1; sequence <= end; sequence++)
        {
            var entry = Volatile.Read(ref _slots[Slot(sequence)]);
            if (entry is null || entry.Sequence != sequence)
            {
                return null;
            }

            if (containers.Contains(entry.Container))
            {
                found.Add(sequence);
                if (found.Count == maxPositions)
                {
                    return (found, sequence);
                }
            }
        }

        return (found, end);
    }

    private static int Slot(long sequence) => (int)(sequence % Capacity);

    /// <summary>One object per slot: a reader sees a position and its container from the same write, never a torn pair.</summary>
    private sealed record Entry(long Sequence, string Container);
}
