using EdTech.Bff.Security;
using EdTech.Domain.Tenancy;

namespace EdTech.Bff.Tests.Security.Matrix;

/// <summary>The permission matrix, generated from <see cref="AccessTable.Rows"/>: every row × every caller × every situation that applies to its scope.</summary>
public static class MatrixCases
{
    public const string NoToken = "none";

    public static IReadOnlyList<string> Callers { get; } = [.. Roles.All, NoToken];

    /// <summary>(endpoint, caller, situation, expected status); rows without a sample get only their 401/403 cases.</summary>
    public static IEnumerable<object[]> All() =>
        from row in AccessTable.Rows
        from situation in SituationsFor(row)
        from caller in Callers
        let expected = Expected(row, caller, situation)
        where expected is not null
        select new object[] { row.Endpoint, caller, situation.ToString(), expected.Value };

    public static int? Expected(AccessRule row, string caller, Situation situation)
    {
        var success = MatrixSamples.Find(row)?.Success;
        if (row.Scope == AccessScope.Anonymous)
        {
            return success;
        }

        if (caller == NoToken)
        {
            return 401;
        }

        if (!row.Allows(caller))
        {
            return 403;
        }

        return situation switch
        {
            Situation.Own => success,
            Situation.ForeignTenant when row.Scope == AccessScope.Platform => 403,
            Situation.ForeignTenant when MatrixSamples.Find(row)?.ForeignTenant is { } foreign => foreign,
            _ => success is null ? null : 404,
        };
    }

    private static IEnumerable<Situation> SituationsFor(AccessRule row)
    {
        yield return Situation.Own;
        if (row.Scope == AccessScope.Platform || (row.Scope != AccessScope.Anonymous && row.Pattern.Contains('{', StringComparison.Ordinal)))
        {
            yield return Situation.ForeignTenant;
        }

        if (row.Scope == AccessScope.Owner)
        {
            yield return Situation.Classmate;
        }

        if (row.Scope == AccessScope.Course)
        {
            yield return Situation.NotEnrolled;
        }
    }
}
