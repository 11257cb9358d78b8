namespace EdTech.Bff.Security;

/// <summary>Claim names of API.md's token: sub (user), tenant, roles.</summary>
public static class EdTechClaims
{
    public const string Subject = "sub";
    public const string Tenant = "tenant";
    public const string Roles = "roles";
    public const string Audience = "edtech-api";
}
