using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace EdTech.Application.Timing;

public static class AttemptIds
{
    /// <summary>Attempt <paramref name="number"/> (1-based) of a student on an assessment: <c>t-{hash(user, assessment)}-{number}</c>, the same on every instance.</summary>
    public static string For(string userId, string assessmentId, int number)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{userId}\n{assessmentId}"));
        return $"t-{Convert.ToHexStringLower(hash.AsSpan(0, 16))}-{number.ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>
    /// The one submission an attempt can have: derived from the attempt id, so the student's submit and the auto-submit timer
    /// create the same document and the store's conditional create lets exactly one of them win.
    /// </summary>
    public static string SubmissionOf(string attemptId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"attempt\n{attemptId}"));
        return "s-" + Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }
}
