using System.Security.Cryptography;
using System.Text.Json;
using EdTech.Application.Records;
using EdTech.Application.Serialization;

namespace EdTech.Application.Submissions;

/// <summary>
/// The hash of a submit's canonical body, stored with the submission when it is first accepted, so a later submit with the
/// same Idempotency-Key can tell a retry (same body: the original submission) from a different submission (422).
/// Canonical: the validated answers ordered by item id, each value as the server parsed it (so JSON whitespace, property
/// order and answer order do not count; what is graded does).
/// </summary>
public static class SubmissionBodyHash
{
    public static string Of(IReadOnlyList<SubmittedAnswer> answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var canonical = answers.OrderBy(a => a.ItemId, StringComparer.Ordinal).ToList();
        var bytes = JsonSerializer.SerializeToUtf8Bytes(canonical, EdTechJson.Options);
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    /// <summary>
    /// Whether a submit with <paramref name="hash"/> is a retry of <paramref name="stored"/>. A submission stored before
    /// hashes were kept has none and matches any body (it is answered as before: the original submission).
    /// </summary>
    public static bool Matches(SubmissionRecord stored, string hash)
    {
        ArgumentNullException.ThrowIfNull(stored);
        return stored.BodyHash is null || string.Equals(stored.BodyHash, hash, StringComparison.Ordinal);
    }
}
