using EdTech.Application.Common;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Lists.Admin;

/// <summary>One user of the tenant in the admin's list.</summary>
/// <param name="Active">False while the user is deactivated (docs/api-users.md).</param>
public sealed record UserSummary(string UserId, string DisplayName, string Email, IReadOnlyList<string> Roles, DateTimeOffset CreatedAt, bool Active = true);

/// <summary>
/// GET /api/admin/users?role=&amp;q=: the tenant's users, paged by user id. One query on the tenant's key prefix of
/// <c>users</c> (partition = user id), keyset by id. <c>role</c> is an <c>ARRAY_CONTAINS</c> on <c>roles</c> (indexed as
/// <c>roles/[]</c>); <c>q</c> is a prefix match, case-insensitive, on the stored lower-cased display name
/// (<see cref="UserRecord.SearchName"/>) or email (<see cref="UserRecord.SearchEmail"/>), or case-sensitive on the id, all in
/// the same query (never read-all-then-filter). Prefix, not substring: a substring match cannot use an index (docs/api-lists.md).
/// </summary>
public sealed class ListUsersHandler(IDocumentStore store)
{
    public const int MaxQueryLength = 100;

    public async Task<Outcome<Page<UserSummary>>> HandleAsync(Caller caller, string? role, string? q, string? limit, string? next, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var text = q?.Trim();
        var request = ListPaging.Parse(limit, next, v => v
            .Require(role is null || Roles.IsKnown(role), "role", $"One of {string.Join(", ", Roles.All)}.")
            .Require(text is null || text.Length is >= 1 and <= MaxQueryLength, "q", $"1 to {MaxQueryLength} characters."));
        if (request.Problem is { } problem)
        {
            return problem;
        }

        var conditions = new List<FieldCondition>();
        if (role is not null)
        {
            conditions.Add(FieldCondition.Of("roles", FieldMatchKind.ArrayContains, role));
        }

        if (text is not null)
        {
            var lower = UserRecord.SearchKey(text);
            conditions.Add(new FieldCondition([
                new FieldMatch("searchName", FieldMatchKind.StartsWith, lower),
                new FieldMatch("searchEmail", FieldMatchKind.StartsWith, lower),
                new FieldMatch("id", FieldMatchKind.StartsWith, text)]));
        }

        var (size, after) = request.Value!;
        var rows = (await store.QueryAsync<UserRecord>(caller.Tenant, new DocumentQuery(null, null, size + 1, after, conditions), ct).ConfigureAwait(false))
            .Select(r => r.Value).ToList();
        return Outcome<Page<UserSummary>>.Ok(ListPaging.Of(rows, size, u => new UserSummary(u.Id, u.DisplayName, u.Email, u.Roles, u.CreatedAt, u.Active), u => u.Id));
    }
}
