using EdTech.Domain.Tenancy;

namespace EdTech.Application.Common;

/// <summary>Who is calling, from the validated token only.</summary>
public sealed record Caller(TenantId Tenant, string UserId, IReadOnlySet<string> Roles)
{
    public bool IsIn(string role) => Roles.Contains(role);
}
