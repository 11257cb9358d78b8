using EdTech.Application.Audit;
using EdTech.Application.Common;
using EdTech.Application.Records;

namespace EdTech.Application.Users;

/// <summary>The fields a user update changed, as "field=value" pairs for the audit entry's old and new values.</summary>
public sealed record UserChanges(string Action, string Old, string New)
{
    /// <summary>Null when nothing changed.</summary>
    public static UserChanges? Between(UserRecord before, UserRecord after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var fields = new List<(string Name, string Old, string New)>();
        Add(fields, "displayName", before.DisplayName, after.DisplayName);
        Add(fields, "email", before.Email, after.Email);
        Add(fields, "roles", string.Join(',', before.Roles), string.Join(',', after.Roles));
        Add(fields, "active", before.Active ? "true" : "false", after.Active ? "true" : "false");
        if (fields.Count == 0)
        {
            return null;
        }

        var action = before.Active == after.Active ? AuditActions.UserUpdated : after.Active ? AuditActions.UserReactivated : AuditActions.UserDeactivated;
        return new UserChanges(action, Join(fields.Select(f => (f.Name, f.Old))), Join(fields.Select(f => (f.Name, f.New))));
    }

    /// <summary>About <paramref name="userId"/> (the audit log's partition); its id derives from the ETag the write was conditional on, so the same change is logged once.</summary>
    public AuditEntry ToAuditEntry(Caller caller, string userId, string baseETag, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(baseETag);
        return new AuditEntry($"{userId}:user-update:{baseETag.Trim('"')}", at, caller.UserId, caller.Roles.Order(StringComparer.Ordinal).ToList(), Action,
            userId, $"user:{userId}", Old, New, Reason: "admin update");
    }

    private static void Add(List<(string, string, string)> fields, string name, string old, string @new)
    {
        if (!string.Equals(old, @new, StringComparison.Ordinal))
        {
            fields.Add((name, old, @new));
        }
    }

    private static string Join(IEnumerable<(string Name, string Value)> fields) => string.Join("; ", fields.Select(f => $"{f.Name}={f.Value}"));
}
