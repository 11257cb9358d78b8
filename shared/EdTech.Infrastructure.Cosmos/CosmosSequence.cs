namespace EdTech.Infrastructure.Cosmos;

/// <summary>
/// A hybrid logical clock for <c>StoredDocument.Sequence</c>: microseconds since the epoch, strictly
/// increasing within the process and moved past every sequence the adapter reads. A read-modify-write
/// (read, then replace with its ETag) therefore always gives the document a higher sequence, even when
/// another instance with a faster clock wrote it before. Across different documents it orders writes
/// only up to the clock skew between instances: Cosmos DB has no global sequence to offer.
/// </summary>
internal sealed class CosmosSequence(TimeProvider time)
{
    private long _last;

    public long Next()
    {
        while (true)
        {
            var now = (time.GetUtcNow().UtcTicks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMicrosecond;
            var last = Volatile.Read(ref _last);
            var next = Math.Max(now, last + 1);
            if (Interlocked.CompareExchange(ref _last, next, last) == last)
            {
                return next;
            }
        }
    }

    public void Observe(long seen)
    {
        var last = Volatile.Read(ref _last);
        while (seen > last)
        {
            var previous = Interlocked.CompareExchange(ref _last, seen, last);
            if (previous == last)
            {
                return;
            }

            last = previous;
        }
    }
}
