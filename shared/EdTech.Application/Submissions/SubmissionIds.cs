using System.Security.Cryptography;
using System.Text;

namespace EdTech.Application.Submissions;

public static class SubmissionIds
{
    /// <summary>
    /// With an Idempotency-Key the id is derived from (user, assessment, key), so a retry is a read of
    /// the same record, not a second write; without one, a fresh id.
    /// </summary>
    public static string For(string userId, string assessmentId, string? idempotencyKey) =>
        idempotencyKey is null ? "s-" + Guid.NewGuid().ToString("n") : For(userId, assessmentId, idempotencyKey, use: 0);

    /// <summary>
    /// The id of the <paramref name="use"/>-th submission (0-based) made with one key: a key may be used again once its
    /// window has passed (<see cref="IdempotencyKeyWindow"/>). Use 0 is the id keys always had; a later use appends
    /// <c>\n#use</c> to the hashed text, which no key can collide with (a header value holds no line feed).
    /// </summary>
    public static string For(string userId, string assessmentId, string idempotencyKey, int use)
    {
        var suffix = use == 0 ? string.Empty : "\n#" + use.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{userId}\n{assessmentId}\n{idempotencyKey}{suffix}"));
        return "s-" + Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }

    /// <summary>
    /// Where attempts are capped (maxAttempts), attempt <paramref name="n"/> (1-based) of a student has this one id,
    /// the same on every instance, so the store's conditional create (one document per id) lets exactly one
    /// concurrent submit take each attempt: <c>a-{hash(user, assessment)}-{n}</c>.
    /// </summary>
    public static string ForAttempt(string userId, string assessmentId, int n) =>
        AttemptPrefix(userId, assessmentId) + n.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>What every attempt id of this student and assessment starts with.</summary>
    public static string AttemptPrefix(string userId, string assessmentId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{userId}\n{assessmentId}"));
        return $"a-{Convert.ToHexStringLower(hash.AsSpan(0, 16))}-";
    }
}
