namespace EdTech.Application.Roster;

/// <summary>
/// OneRoster 1.2 moves a user's role out of users.csv into roles.csv (one row per user, org and
/// role). The import takes each user's single active "primary" role; secondary roles are validated
/// and not used.
/// </summary>
public static class RosterRoleRows
{
    private static readonly string[] RoleTypes = ["primary", "secondary"];

    /// <summary>userSourcedId → the raw OneRoster role of the user's primary roles.csv row.</summary>
    public static Dictionary<string, string> PrimaryRoles(RosterRows rows, HashSet<string> orgs)
    {
        var primary = new Dictionary<string, List<(CsvRecord Record, string Role)>>(StringComparer.Ordinal);
        foreach (var (record, _, delete) in rows.Rows())
        {
            var user = rows.Get(record, "userSourcedId");
            var roleType = rows.Get(record, "roleType");
            rows.Reject(record, "userSourcedId", "Required.", unless: user.Length > 0);
            rows.Reject(record, "roleType", "'primary' or 'secondary'.", unless: RoleTypes.Contains(roleType, StringComparer.OrdinalIgnoreCase));
            rows.Reject(record, "role", "Required.", unless: rows.Get(record, "role").Length > 0);
            var org = rows.Get(record, "orgSourcedId");
            rows.Reject(record, "orgSourcedId", $"No valid, active row with sourcedId '{org}'.", unless: org.Length == 0 || orgs.Contains(org));
            if (rows.IsRejected(record) || delete || !roleType.Equals("primary", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (!primary.TryGetValue(user, out var list))
            {
                primary[user] = list = [];
            }

            list.Add((record, rows.Get(record, "role")));
        }

        // Which of two primary roles is meant is unknowable: reject them all, and the user gets none.
        foreach (var (user, list) in primary.Where(p => p.Value.Count > 1))
        {
            list.ForEach(p => rows.Reject(p.Record, "userSourcedId", $"More than one active primary role for user '{user}'."));
        }

        return primary.Where(p => p.Value.Count == 1).ToDictionary(p => p.Key, p => p.Value[0].Role, StringComparer.Ordinal);
    }
}
