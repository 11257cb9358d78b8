using EdTech.Bff.Security;
using EdTech.Bff.Tests.Security.Matrix;

namespace EdTech.Bff.Tests.Security;

/// <summary>The access table against the permissions written from the API contract (Security/Permissions.md): a wrong row is caught here.</summary>
public sealed class ExpectedPermissionsTests
{
    [Fact]
    public void EveryTableRow_IsInTheStatement_AndEveryStatementLine_IsATableRow()
    {
        var table = AccessTable.Rows.Select(r => r.Endpoint).ToHashSet(StringComparer.Ordinal);
        var statement = ExpectedPermissions.All.Select(p => p.Endpoint).ToList();

        Assert.Equal(statement.Count, statement.Distinct(StringComparer.Ordinal).Count());
        Assert.True(table.SetEquals(statement),
            "Only in AccessTable: " + string.Join(", ", table.Except(statement)) + "; only in Permissions.md: " + string.Join(", ", statement.Except(table)));
    }

    [Fact]
    public void EveryTableRow_GrantsExactlyTheRolesAndScopeTheContractStates()
    {
        var wrong = (
            from row in AccessTable.Rows
            let expected = ExpectedPermissions.Find(row.Endpoint)
            where expected is not null
            where !row.Roles.Order(StringComparer.Ordinal).SequenceEqual(expected.Roles.Order(StringComparer.Ordinal)) || !ScopeMatches(row, expected)
            select $"{row.Endpoint}: table [{string.Join(",", row.Roles)}] {row.Scope}, contract [{string.Join(",", expected.Roles)}] {expected.Scope}").ToList();

        Assert.True(wrong.Count == 0, "Access table rows that disagree with Security/Permissions.md:\n" + string.Join("\n", wrong));
    }

    [Fact]
    public void Statement_ParsesRolesAndScopes_AndRefusesUnknownOnes()
    {
        var parsed = ExpectedPermissions.Parse("""
            | Method | Route | Roles | Scope | Contract |
            |---|---|---|---|---|
            | GET | /api/x/{id} | teacher, tenant-admin | enrolled | X |
            """);

        Assert.Equal([new ExpectedPermission("GET", "/api/x/{id}", ["teacher", "tenant-admin"], "enrolled")], parsed, new PermissionComparer());
        Assert.Throws<FormatException>(() => ExpectedPermissions.Parse("| GET | /api/x | teacher | everyone | X |"));
        Assert.Throws<FormatException>(() => ExpectedPermissions.Parse("| GET | /api/x | janitor | tenant | X |"));
    }

    /// <summary>"enrolled" is enforced by CourseScopeFilter (Course rows) or by the handler of a Tenant row; the matrix's not-enrolled cases check either.</summary>
    private static bool ScopeMatches(AccessRule row, ExpectedPermission expected) => (row.Scope, expected.Scope) switch
    {
        (AccessScope.Anonymous, ExpectedPermission.Anonymous) => true,
        (AccessScope.Platform, ExpectedPermission.Platform) => true,
        (AccessScope.Tenant, ExpectedPermission.Tenant) => true,
        (AccessScope.Course or AccessScope.Tenant, ExpectedPermission.Enrolled) => true,
        (AccessScope.Owner, ExpectedPermission.Owner) => true,
        _ => false,
    };

    private sealed class PermissionComparer : IEqualityComparer<ExpectedPermission>
    {
        public bool Equals(ExpectedPermission? x, ExpectedPermission? y) =>
            x is not null && y is not null && x.Endpoint == y.Endpoint && x.Scope == y.Scope && x.Roles.SequenceEqual(y.Roles);

        public int GetHashCode(ExpectedPermission obj) => obj.Endpoint.GetHashCode(StringComparison.Ordinal);
    }
}
