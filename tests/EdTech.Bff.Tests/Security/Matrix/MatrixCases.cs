using EdTech.Bff.Security;
using EdTech.Domain.Tenancy;

namespace EdTech.Bff.Tests.Security.Matrix;

/// <summary>
/// The permission matrix: every <see cref="AccessTable.Rows"/> endpoint × every caller × every situation its expected scope implies.
/// The expected status comes from <see cref="ExpectedPermissions"/> (Security/Permissions.md, written from the API contract), never
/// from the row itself, so the matrix proves the table is right, not merely that it is enforced.
/// </summary>
public static class MatrixCases
{
    public const string NoToken = "none";

    public static IReadOnlyList<string> Callers { get; } = [.. Roles.All, NoToken];

    /// <summary>(endpoint, caller, situation, expected status); rows without a sample get only their 401/403 cases.</summary>
    public static IEnumerable<object[]> All() =>
        from row in AccessTable.Rows
        let expectedPermission = ExpectedPermissions.Find(row.Endpoint)
        where expectedPermission is not null // a row the statement lacks fails ExpectedPermissionsTests
        from situation in SituationsFor(expectedPermission)
        from caller in Callers
        let expected = Expected(row, expectedPermission, caller, situation)
        where expected is not null
        select new object[] { row.Endpoint, caller, situation.ToString(), expected.Value };

    public static int? Expected(AccessRule row, ExpectedPermission permission, string caller, Situation situation)
    {
        ArgumentNullException.ThrowIfNull(permission);
        var success = MatrixSamples.Find(row)?.Success;
        if (permission.Scope == ExpectedPermission.Anonymous)
        {
            return success;
        }

        if (caller == NoToken)
        {
            return 401;
        }

        if (!permission.Allows(caller))
        {
            return 403;
        }

        return situation switch
        {
            Situation.Own => success,
            Situation.ForeignTenant when permission.Scope == ExpectedPermission.Platform => 403,
            Situation.ForeignTenant when MatrixSamples.Find(row)?.ForeignTenant is { } foreign => foreign,
            _ => success is null ? null : 404,
        };
    }

    private static IEnumerable<Situation> SituationsFor(ExpectedPermission permission)
    {
        yield return Situation.Own;
        if (permission.Scope == ExpectedPermission.Platform || (permission.Scope != ExpectedPermission.Anonymous && permission.Pattern.Contains('{', StringComparison.Ordinal)))
        {
            yield return Situation.ForeignTenant;
        }

        if (permission.Scope == ExpectedPermission.Owner)
        {
            yield return Situation.Classmate;
        }

        // Every route the contract scopes to an enrollment, whoever enforces it (CourseScopeFilter or the handler).
        if (permission.Scope is ExpectedPermission.Enrolled or ExpectedPermission.Owner)
        {
            yield return Situation.NotEnrolled;
        }
    }
}
