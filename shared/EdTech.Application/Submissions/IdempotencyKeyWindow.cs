using EdTech.Application.Records;

namespace EdTech.Application.Submissions;

/// <summary>What a submit's Idempotency-Key means, given the submissions already stored with the same key.</summary>
public enum KeyUse
{
    /// <summary>No stored submission holds the key, or every one that does is older than the window: a new submission.</summary>
    New,

    /// <summary>A stored submission with the same key has the same body: the request is a retry of it (at any age).</summary>
    Retry,

    /// <summary>A submission within the window holds the key with a different body: 422 naming the header.</summary>
    Reused,
}

/// <summary>
/// How long an Idempotency-Key is reserved: <see cref="Length"/> (24 hours, as most payment APIs) from the submission
/// that used it. Within it, the same key with a different body is refused (422); after it, the key may be used again
/// for a new submission. The same key with the same body is answered with the original at any age: a phone that syncs
/// days later learns that its submission was taken instead of submitting twice (that costs nothing to keep: the key
/// lives in the submission itself, there is no separate key store to expire).
/// </summary>
public static class IdempotencyKeyWindow
{
    public static readonly TimeSpan Length = TimeSpan.FromHours(24);

    /// <summary>How many times one key may be reused after its window passed (each use is one more point read on the uncapped path).</summary>
    public const int MaxUses = 16;

    public static (KeyUse Use, SubmissionRecord? Original) Decide(IEnumerable<SubmissionRecord> sameKey, string bodyHash, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(sameKey);
        var stored = sameKey.OrderByDescending(s => s.ReceivedAt).ToList();
        if (stored.FirstOrDefault(s => SubmissionBodyHash.Matches(s, bodyHash)) is { } retry)
        {
            return (KeyUse.Retry, retry);
        }

        return stored.FirstOrDefault(s => now - s.ReceivedAt < Length) is { } reserved ? (KeyUse.Reused, reserved) : (KeyUse.New, null);
    }
}
