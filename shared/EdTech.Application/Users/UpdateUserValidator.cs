using EdTech.Application.Common;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Users;

/// <summary>The same rules as creating a user (<see cref="CreateUserHandler"/>), for the fields present in the patch.</summary>
public static class UpdateUserValidator
{
    public const int MaxRoles = 8;

    public static Validation Validate(UpdateUserCommand c, Caller caller, string userId)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(caller);
        var v = new Validation();
        if (c.DisplayName.IsSet)
        {
            v.Text(c.DisplayName.Value, "displayName", 200);
        }

        if (c.Email.IsSet)
        {
            v.Text(c.Email.Value, "email", 320);
            v.Require(c.Email.Value is null || c.Email.Value.Contains('@', StringComparison.Ordinal), "email", "Not an e-mail address.");
        }

        if (c.Roles.IsSet)
        {
            if (c.Roles.Value is not { Length: > 0 and <= MaxRoles } roles)
            {
                v.Add("roles", $"One to {MaxRoles} roles.");
            }
            else
            {
                for (var i = 0; i < roles.Length; i++)
                {
                    v.Require(roles[i] is { } role && Roles.IsKnown(role) && role != Roles.PlatformAdmin, $"roles[{i}]", "One of student, teacher, tenant-admin, content-author.");
                }
            }
        }

        if (c.Active.IsSet)
        {
            v.Require(c.Active.Value is not null, "active", "true or false.");
            // An admin who deactivated themselves would be locked out by their own request; another admin does it.
            v.Require(c.Active.Value != false || !string.Equals(userId, caller.UserId, StringComparison.Ordinal), "active", "You cannot deactivate yourself.");
        }

        return v;
    }
}
