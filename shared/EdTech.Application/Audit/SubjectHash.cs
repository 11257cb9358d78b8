using System.Security.Cryptography;
using System.Text;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Audit;

/// <summary>
/// The opaque subject of an erasure tombstone: stable (so a repeated erasure finds its tombstone) and
/// carrying no personal data. Unkeyed, so it is pseudonymous, not anonymous: whoever already knows the
/// user id can recompute it and learn that the user was erased, nothing more.
/// </summary>
public static class SubjectHash
{
    public static string Of(TenantId tenant, string userId) =>
        "h-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{tenant}\n{userId}")).AsSpan(0, 16));
}
