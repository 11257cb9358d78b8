using System.Buffers;
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
    private const int StackLimit = 512;

    /// <summary>"h-" and the first 16 bytes, in lower-case hex, of SHA-256 over the UTF-8 of "{tenant}\n{userId}".</summary>
    /// <remarks>Computed on the stack: the erasure guard hashes a student on every marker read (each guarded write).</remarks>
    public static string Of(TenantId tenant, string userId)
    {
        // As the interpolated "{tenant}\n{userId}" it replaces: a null part is empty.
        var text = tenant.ToString() ?? string.Empty;
        var user = userId ?? string.Empty;
        var max = Encoding.UTF8.GetMaxByteCount(text.Length + 1 + user.Length);
        byte[]? rented = null;
        Span<byte> bytes = max <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(max));
        try
        {
            var length = Encoding.UTF8.GetBytes(text, bytes);
            bytes[length++] = (byte)'\n';
            length += Encoding.UTF8.GetBytes(user, bytes[length..]);
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(bytes[..length], hash);
            return "h-" + Convert.ToHexStringLower(hash[..16]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
