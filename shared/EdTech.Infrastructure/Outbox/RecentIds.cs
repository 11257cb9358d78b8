namespace EdTech.Infrastructure.Outbox;

/// <summary>
/// The last <c>capacity</c> ids added, for once-only checks that need only a recent window (as Service Bus duplicate
/// detection has one): adding past the capacity forgets the oldest, so memory stays bounded however long the process runs.
/// Not thread-safe; the caller holds its lock.
/// </summary>
public sealed class RecentIds(int capacity)
{
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    public int Count => _ids.Count;

    /// <summary>False when the id is already in the window (then nothing changes).</summary>
    public bool Add(string id)
    {
        if (!_ids.Add(id))
        {
            return false;
        }

        _order.Enqueue(id);
        if (_order.Count > capacity)
        {
            _ids.Remove(_order.Dequeue());
        }

        return true;
    }
}
