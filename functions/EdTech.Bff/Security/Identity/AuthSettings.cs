using EdTech.Domain.Tenancy;
using Microsoft.Extensions.Configuration;

namespace EdTech.Bff.Security.Identity;

/// <summary>
/// Production identity settings, section "Auth": Audience, Issuers:N:{Issuer, MetadataAddress | Authority,
/// TenantClaim, UserIdClaim}, RoleMap:{AppRole}=platform role, PlatformDirectoryIds:N. The single
/// "Auth:Authority" of earlier versions still works as one issuer.
/// </summary>
public sealed record AuthSettings(string? Audience, IReadOnlyList<IssuerSettings> Issuers, IReadOnlyDictionary<string, string> RoleMap, IReadOnlySet<string> PlatformDirectoryIds)
{
    public static IReadOnlyDictionary<string, string> DefaultRoleMap { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Student"] = Roles.Student,
        ["Teacher"] = Roles.Teacher,
        ["TenantAdmin"] = Roles.TenantAdmin,
        ["ContentAuthor"] = Roles.ContentAuthor,
        ["PlatformAdmin"] = Roles.PlatformAdmin,
    };

    public static AuthSettings From(IConfiguration configuration)
    {
        var auth = configuration.GetSection("Auth");
        var issuers = auth.GetSection("Issuers").GetChildren().Select(s => new IssuerSettings(
            s["Issuer"], s["MetadataAddress"], s["Authority"], s["TenantClaim"] ?? "tid", s["UserIdClaim"] ?? "oid")).ToList();
        if (issuers.Count == 0 && !string.IsNullOrWhiteSpace(auth["Authority"]))
        {
            issuers.Add(new IssuerSettings(auth["Authority"]!.TrimEnd('/'), null, auth["Authority"]));
        }

        var roleMap = new Dictionary<string, string>(DefaultRoleMap, StringComparer.Ordinal);
        foreach (var entry in auth.GetSection("RoleMap").GetChildren())
        {
            roleMap[entry.Key] = entry.Value ?? string.Empty;
        }

        var platform = auth.GetSection("PlatformDirectoryIds").GetChildren().Select(c => c.Value).OfType<string>()
            .Select(v => Guid.TryParse(v, out var g) ? g.ToString("D") : v).ToHashSet(StringComparer.Ordinal);
        return new AuthSettings(auth["Audience"], issuers, roleMap, platform);
    }

    /// <summary>Every problem, each naming its setting; <paramref name="requireIssuer"/> for hosts that have no other issuer.</summary>
    public IReadOnlyList<string> Problems(bool requireIssuer)
    {
        var problems = new List<string>();
        if ((requireIssuer || Issuers.Count > 0) && string.IsNullOrWhiteSpace(Audience))
        {
            problems.Add("Auth:Audience is missing: the API's application ID URI or client id that tokens must be issued for.");
        }

        if (requireIssuer && Issuers.Count == 0)
        {
            problems.Add("Auth:Issuers:0:Issuer is missing: configure at least one token issuer (Issuer plus MetadataAddress or Authority).");
        }

        for (var i = 0; i < Issuers.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(Issuers[i].Issuer))
            {
                problems.Add($"Auth:Issuers:{i}:Issuer is missing.");
            }

            if (Issuers[i].Metadata is null)
            {
                problems.Add($"Auth:Issuers:{i}:MetadataAddress (or Auth:Issuers:{i}:Authority) is missing: signing keys come from the issuer's OpenID metadata.");
            }
            else if (!Issuers[i].Metadata!.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"Auth:Issuers:{i}:MetadataAddress must be an https:// address.");
            }
        }

        problems.AddRange(RoleMap.Where(r => !Roles.All.Contains(r.Value)).Select(r => $"Auth:RoleMap:{r.Key} is '{r.Value}', not a platform role ({string.Join(", ", Roles.All)})."));
        return problems;
    }

    /// <summary>Throws at start-up with every missing or wrong setting named.</summary>
    public AuthSettings EnsureValid(bool requireIssuer)
    {
        var problems = Problems(requireIssuer);
        return problems.Count == 0 ? this
            : throw new InvalidOperationException("Invalid authentication configuration: " + string.Join(" ", problems));
    }
}
