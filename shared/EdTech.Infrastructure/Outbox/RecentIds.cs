using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace EdTech.Infrastructure.Outbox;

/// <summary>
/// The last <c>capacity</c> ids added, for once-only checks that need only a recent window (as Service Bus duplicate
/// detection has one): adding past the capacity forgets the oldest, so memory stays bounded however long the process runs.
/// Each id is held as the first 128 bits of its SHA-256 (about 50 bytes an id with the set and the queue, against about
/// 180 for a 64-character key string): two different ids in one window collide with odds near 2^-100.
/// Not thread-safe; the caller holds its lock.
/// </summary>
public sealed class RecentIds(int capacity)
{
    private readonly HashSet<UInt128> _ids = [];
    private readonly Queue<UInt128> _order = new();

    public int Count => _ids.Count;

    /// <summary>False when the id is already in the window (then nothing changes).</summary>
    public bool Add(string id)
    {
        var digest = Digest(id);
        if (!_ids.Add(digest))
        {
            return false;
        }

        _order.Enqueue(digest);
        if (_order.Count > capacity)
        {
            _ids.Remove(_order.Dequeue());
        }

        return true;
    }

    private static UInt128 Digest(string id)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(id), hash);
        return BinaryPrimitives.ReadUInt128LittleEndian(hash);
    }
}
