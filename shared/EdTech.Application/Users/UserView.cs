using EdTech.Application.Records;

namespace EdTech.Application.Users;

/// <summary>A user as the admin API shows it (POST, GET and PATCH /api/admin/users).</summary>
public sealed record UserView(string Id, string DisplayName, string Email, IReadOnlyList<string> Roles, bool Active)
{
    public static UserView Of(UserRecord user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new(user.Id, user.DisplayName, user.Email, user.Roles, user.Active);
    }
}
