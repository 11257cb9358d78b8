using EdTech.Application.Common;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Tenants;

/// <summary>Rules for <see cref="TenantRecord.ParentId"/>: the parent exists, is a group, and no cycle forms.</summary>
public static class TenantHierarchy
{
    public const int MaxDepth = 8;

    public static async Task ValidateParentAsync(IDocumentStore store, string tenantId, string? parentId, Validation v, CancellationToken ct)
    {
        if (parentId is null)
        {
            return;
        }

        if (!TenantId.IsValid(parentId) || parentId == TenantId.PlatformValue)
        {
            v.Add("parentId", "Not a tenant id.");
            return;
        }

        if (parentId == tenantId)
        {
            v.Add("parentId", "A tenant cannot be its own parent.");
            return;
        }

        var parent = await store.GetAsync<TenantRecord>(TenantId.Platform, parentId, ct).ConfigureAwait(false);
        if (parent is null)
        {
            v.Add("parentId", $"No tenant '{parentId}'.");
            return;
        }

        if (parent.Value.Kind != TenantKinds.Group)
        {
            v.Add("parentId", $"'{parentId}' is a {parent.Value.Kind}; a parent must be a group.");
            return;
        }

        // Walk up from the parent: meeting this tenant means the change would close a cycle.
        var ancestor = parent.Value;
        for (var depth = 1; ancestor.ParentId is { } next; depth++)
        {
            if (next == tenantId)
            {
                v.Add("parentId", "That would make a cycle of groups.");
                return;
            }

            if (depth >= MaxDepth)
            {
                v.Add("parentId", $"Groups nest at most {MaxDepth} deep.");
                return;
            }

            var up = await store.GetAsync<TenantRecord>(TenantId.Platform, next, ct).ConfigureAwait(false);
            if (up is null)
            {
                return;
            }

            ancestor = up.Value;
        }
    }
}
