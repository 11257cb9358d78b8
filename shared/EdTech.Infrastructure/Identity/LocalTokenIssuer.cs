using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace EdTech.Infrastructure.Identity;

/// <summary>
/// The LocalHost's own token issuer: an HMAC key kept in the data folder, shared by the LocalHost
/// (validates) and `edtech token` (mints). Never registered by the Functions app.
/// </summary>
public sealed class LocalTokenIssuer
{
    public const string Issuer = "edtech-local";
    public const string Audience = "edtech-api";
    public const string KeyFileName = "local-issuer.key";

    private LocalTokenIssuer(SymmetricSecurityKey key) => SigningKey = key;

    public SymmetricSecurityKey SigningKey { get; }

    /// <summary>Loads the data folder's key, creating it (readable by the owner only) on first use.</summary>
    public static LocalTokenIssuer ForDataDirectory(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        var path = Path.Combine(dataDirectory, KeyFileName);
        if (!File.Exists(path))
        {
            var fresh = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
            try
            {
                var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
                if (!OperatingSystem.IsWindows())
                {
                    options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                }

                using var stream = new FileStream(path, options);
                using var writer = new StreamWriter(stream);
                writer.Write(fresh);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process (the CLI or the host) created it first; use theirs.
            }
        }

        var bytes = Convert.FromBase64String(File.ReadAllText(path).Trim());
        return new LocalTokenIssuer(new SymmetricSecurityKey(bytes) { KeyId = "local" });
    }

    public string Mint(string tenant, string userId, IReadOnlyCollection<string> roles, TimeSpan lifetime, DateTimeOffset? now = null)
    {
        var issuedAt = (now ?? DateTimeOffset.UtcNow).UtcDateTime;
        var claims = new Dictionary<string, object>
        {
            ["tenant"] = tenant,
            ["roles"] = roles.ToArray(),
        };
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Subject = new ClaimsIdentity([new Claim("sub", userId)]),
            Claims = claims,
            IssuedAt = issuedAt,
            NotBefore = issuedAt,
            Expires = issuedAt + lifetime,
            SigningCredentials = new SigningCredentials(SigningKey, SecurityAlgorithms.HmacSha256),
        });
    }
}
