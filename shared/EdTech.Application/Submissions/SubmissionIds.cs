using System.Security.Cryptography;
using System.Text;

namespace EdTech.Application.Submissions;

public static class SubmissionIds
{
    /// <summary>
    /// With an Idempotency-Key the id is derived from (user, assessment, key), so a retry is a read of
    /// the same record, not a second write; without one, a fresh id.
    /// </summary>
    public static string For(string userId, string assessmentId, string? idempotencyKey)
    {
        if (idempotencyKey is null)
        {
            return "s-" + Guid.NewGuid().ToString("n");
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{userId}\n{assessmentId}\n{idempotencyKey}"));
        return "s-" + Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }
}
