using EdTech.Application.Storage;

namespace EdTech.Application.Records;

/// <summary>
/// A user of a tenant. <see cref="Active"/> false means deactivated (PATCH /api/admin/users/{id}): the user's tokens are refused
/// (<see cref="Access.DeactivatedUsers"/>) until reactivated; nothing of theirs is deleted. Documents written before the field
/// existed read as active.
/// </summary>
public sealed record UserRecord(string Id, string DisplayName, string Email, IReadOnlyList<string> Roles, DateTimeOffset CreatedAt, bool Active = true) : IStoredRecord
{
    public static string Container => Containers.Users;

    public string PartitionKey => Id;

    public static string? PartitionOf(string id) => id;

    /// <summary>The display name as the admin user list's <c>q</c> prefix-matches it (stored, indexed; docs/api-lists.md).</summary>
    public string SearchName => SearchKey(DisplayName);

    /// <summary>The email as the admin user list's <c>q</c> prefix-matches it (stored, indexed).</summary>
    public string SearchEmail => SearchKey(Email);

    /// <summary>Text as the search fields store it: lower-cased (invariant culture), so a prefix match ignores case.</summary>
    public static string SearchKey(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.ToLowerInvariant();
    }
}
