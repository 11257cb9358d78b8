using System.Net.Mail;
using EdTech.Application.Records;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Roster;

/// <summary>
/// Every row of a package validated and mapped, before anything is written: the users, classes and
/// enrollments to apply, the rows rejected (with why), and the per-file counts so far. References are
/// checked within the package; an enrollment naming a user or class not in the package is checked
/// against the store when applied.
/// </summary>
public sealed class RosterPlan
{
    private static readonly Dictionary<string, string[]> RequiredColumns = new(StringComparer.Ordinal)
    {
        ["manifest.csv"] = ["propertyName", "value"],
        ["orgs.csv"] = ["sourcedId", "name", "type"],
        ["users.csv"] = ["sourcedId", "givenName", "familyName", "email"],
        ["roles.csv"] = ["sourcedId", "userSourcedId", "roleType", "role"],
        ["classes.csv"] = ["sourcedId", "title", "schoolSourcedId"],
        ["enrollments.csv"] = ["sourcedId", "classSourcedId", "userSourcedId", "role"],
        ["courses.csv"] = ["sourcedId", "title"],
        ["academicsessions.csv"] = ["sourcedId", "title", "type"],
    };

    private static readonly string[] OrgTypes = ["department", "school", "district", "local", "state", "national"];
    private static readonly string[] SessionTypes = ["gradingPeriod", "semester", "schoolYear", "term"];

    /// <summary>The longest section name taken from a class's classCode (API: <c>section</c>, at most 64 characters).</summary>
    public const int MaxSectionLength = 64;

    private readonly RosterPackage _package;
    private readonly bool _classesAsSections;

    private RosterPlan(RosterPackage package, bool classesAsSections) => (_package, _classesAsSections) = (package, classesAsSections);

    /// <summary>Each file read, by its summary key ("users", "academicSessions").</summary>
    public Dictionary<string, RosterRows> Files { get; } = new(StringComparer.Ordinal);

    public List<RosterRowError> Errors { get; } = [];

    public List<string> Notes { get; } = [];

    public List<RosterUser> Users { get; } = [];

    public List<RosterClass> Classes { get; } = [];

    /// <summary>Classes as sections: the courses.csv courses that active classes belong to, to create or update.</summary>
    public List<RosterClass> Courses { get; } = [];

    public List<RosterEnrollment> Enrollments { get; } = [];

    /// <param name="classesAsSections">
    /// OneRoster's own model: a class is one section of a course (courses.csv). Off (the default): each class is a course.
    /// </param>
    public static (RosterPlan? Plan, RosterPackageError? Error) Build(RosterPackage package, bool classesAsSections = false)
    {
        foreach (var (file, table) in package.Files)
        {
            var missing = RequiredColumns[file].FirstOrDefault(c => table.IndexOf(c) < 0);
            if (missing is not null)
            {
                return (null, new(RosterPackageErrorKind.BadFile, file, $"The header has no '{missing}' column."));
            }
        }

        if (package.Files["users.csv"].IndexOf("role") < 0 && !package.Files.ContainsKey("roles.csv"))
        {
            return (null, new(RosterPackageErrorKind.BadFile, "users.csv", "The header has no 'role' column (1.1), and there is no roles.csv (1.2)."));
        }

        if (classesAsSections && !package.Files.ContainsKey("courses.csv"))
        {
            return (null, new(RosterPackageErrorKind.BadFile, "courses.csv", "Required when classes are imported as sections: a class's course comes from it."));
        }

        var manifest = package.Files["manifest.csv"];
        var version = manifest.Records.Where(r => r.Fields.Count >= 2 && r.Fields[0].Trim() == "oneroster.version").Select(r => r.Fields[1].Trim()).FirstOrDefault();
        if (version is not ("1.1" or "1.2"))
        {
            return (null, new(RosterPackageErrorKind.BadFile, "manifest.csv", "oneroster.version must be 1.1 or 1.2."));
        }

        var plan = new RosterPlan(package, classesAsSections);
        plan.Notes.Add(classesAsSections
            ? "Classes imported as sections: each courses.csv course with an active class is a course; a class's students are enrolled in its course with the class's classCode (when a valid id, else its sourcedId) as their section. orgs.csv, academicSessions.csv and roles.csv are validated and used to check references; they are not stored."
            : "orgs.csv, courses.csv, academicSessions.csv and roles.csv are validated and used to check references; they are not stored.");
        plan.Notes.Add("Records missing from a bulk file are not deleted; send them with status 'tobedeleted'.");
        plan.Notes.AddRange(package.Ignored.Select(f => $"{f}: not read by this import."));
        var orgs = plan.ValidOrgs();
        var sessions = plan.ValidIds("academicsessions.csv", (rows, r) => RequireOneOf(rows, r, "type", SessionTypes));
        var courseRows = new Dictionary<string, RosterClass>(StringComparer.Ordinal);
        var courses = plan.ValidIds("courses.csv", (rows, r) =>
        {
            RequireText(rows, r, "title", 200);
            RequireKnown(rows, r, "orgSourcedId", orgs, required: false);
            courseRows[rows.Get(r, "sourcedId")] = new RosterClass(r.Row, rows.Get(r, "sourcedId"), Delete: false, rows.Get(r, "title"));
        });
        var primaryRoles = package.Files.ContainsKey("roles.csv") ? RosterRoleRows.PrimaryRoles(plan.Rows("roles.csv"), orgs) : null;
        var unavailableUsers = plan.MapUsers(orgs, primaryRoles);
        var unavailableClasses = plan.MapClasses(orgs, courses, sessions);
        plan.MapCourses(courses, courseRows);
        plan.MapEnrollments(orgs, unavailableUsers, unavailableClasses);
        return (plan, null);
    }

    private RosterRows Rows(string file)
    {
        var rows = new RosterRows(file, _package.Files[file], new FileTally(), Errors);
        Files[file == "academicsessions.csv" ? "academicSessions" : file[..^4]] = rows;
        return rows;
    }

    private HashSet<string> ValidOrgs()
    {
        var rows = Rows("orgs.csv");
        var valid = ValidRows(rows, (rows, r) =>
        {
            RequireText(rows, r, "name", 200);
            RequireOneOf(rows, r, "type", OrgTypes);
        });
        var ids = valid.Select(v => v.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var (record, _) in valid)
        {
            RequireKnown(rows, record, "parentSourcedId", ids, required: false);
        }

        return valid.Where(v => !rows.IsRejected(v.Record)).Select(v => v.Id).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The active, valid ids of an optional file; null when the file is absent (references to it are then not checked).</summary>
    private HashSet<string>? ValidIds(string file, Action<RosterRows, CsvRecord> check)
    {
        if (!_package.Files.ContainsKey(file))
        {
            return null;
        }

        var rows = Rows(file);
        return ValidRows(rows, check).Select(v => v.Id).ToHashSet(StringComparer.Ordinal);
    }

    private static List<(CsvRecord Record, string Id)> ValidRows(RosterRows rows, Action<RosterRows, CsvRecord> check)
    {
        var valid = new List<(CsvRecord, string)>();
        foreach (var (record, id, delete) in rows.Rows())
        {
            check(rows, record);
            if (!rows.IsRejected(record) && !delete)
            {
                valid.Add((record, id));
            }
        }

        return valid;
    }

    /// <summary>Maps users.csv; returns the ids no active enrollment may name (rejected or being deleted).</summary>
    private HashSet<string> MapUsers(HashSet<string> orgs, Dictionary<string, string>? primaryRoles)
    {
        var rows = Rows("users.csv");
        var deleting = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (record, id, delete) in rows.Rows())
        {
            var rawRole = rows.Get(record, "role") is { Length: > 0 } inline ? inline : primaryRoles?.GetValueOrDefault(id) ?? string.Empty;
            var role = rawRole.ToLowerInvariant() switch
            {
                "student" => Roles.Student,
                "teacher" => Roles.Teacher,
                "administrator" => Roles.TenantAdmin,
                _ => null,
            };
            var name = $"{rows.Get(record, "givenName")} {rows.Get(record, "familyName")}".Trim();
            var email = rows.Get(record, "email");
            if (!delete)
            {
                rows.Reject(record, "role", "'student', 'teacher' or 'administrator' (other roles are not imported).", unless: role is not null);
                rows.Reject(record, "givenName", "A given or family name is required.", unless: name.Length > 0);
                rows.Reject(record, "givenName", "Given and family name at most 200 characters together.", unless: name.Length <= 200);
                rows.Reject(record, "email", "Required: a valid e-mail address, at most 320 characters.", unless: IsEmail(email));
                RequireKnownList(rows, record, "orgSourcedIds", orgs);
            }

            if (!rows.IsRejected(record))
            {
                Users.Add(new RosterUser(record.Row, id, delete, name, email, role ?? Roles.Student));
                _ = !delete || deleting.Add(id);
            }
        }

        deleting.UnionWith(RejectedIds(rows));
        return deleting;
    }

    private HashSet<string> MapClasses(HashSet<string> orgs, HashSet<string>? courses, HashSet<string>? sessions)
    {
        var rows = Rows("classes.csv");
        var deleting = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (record, id, delete) in rows.Rows())
        {
            if (!delete)
            {
                RequireText(rows, record, "title", 200);
                RequireKnown(rows, record, "schoolSourcedId", orgs, required: true);
                RequireKnown(rows, record, "courseSourcedId", courses, required: _classesAsSections);
                RequireKnownList(rows, record, "termSourcedIds", sessions);
            }

            if (_classesAsSections)
            {
                rows.Reject(record, "status", "With classes as sections a class is not deleted: send its enrollments with status 'tobedeleted'.", unless: !delete);
            }

            if (!rows.IsRejected(record))
            {
                Classes.Add(_classesAsSections
                    ? new RosterClass(record.Row, id, delete, rows.Get(record, "title"), rows.Get(record, "courseSourcedId"), SectionOf(rows, record))
                    : new RosterClass(record.Row, id, delete, rows.Get(record, "title")));
                _ = !delete || deleting.Add(id);
            }
        }

        deleting.UnionWith(RejectedIds(rows));
        return deleting;
    }

    /// <summary>Classes as sections: the valid courses.csv rows an active class belongs to, with their titles.</summary>
    private void MapCourses(HashSet<string>? valid, Dictionary<string, RosterClass> rows)
    {
        if (!_classesAsSections || valid is null)
        {
            return;
        }

        var used = Classes.Where(c => !c.Delete).Select(c => c.CourseId!).ToHashSet(StringComparer.Ordinal);
        Courses.AddRange(rows.Values.Where(c => valid.Contains(c.Id) && used.Contains(c.Id)).OrderBy(c => c.Row));
    }

    /// <summary>
    /// A class's section name: its classCode ("7A", "P3-Algebra") when that is a valid id of at most <see cref="MaxSectionLength"/>
    /// characters (sections are ids: letters, digits, '.', '_', '@', '-'), else its sourcedId.
    /// </summary>
    public static string SectionOf(RosterRows rows, CsvRecord record)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var code = rows.Get(record, "classCode");
        return code.Length <= MaxSectionLength && ResourceId.IsValid(code) ? code : rows.Get(record, "sourcedId");
    }

    private void MapEnrollments(HashSet<string> orgs, HashSet<string> unavailableUsers, HashSet<string> unavailableClasses)
    {
        var classes = _classesAsSections ? Classes.Where(c => !c.Delete).ToDictionary(c => c.Id, StringComparer.Ordinal) : null;
        var rows = Rows("enrollments.csv");
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var mapped = new List<RosterEnrollment>();
        foreach (var (record, _, delete) in rows.Rows())
        {
            var classId = rows.Get(record, "classSourcedId");
            var userId = rows.Get(record, "userSourcedId");
            var role = rows.Get(record, "role").ToLowerInvariant();
            rows.Reject(record, "classSourcedId", "Required: a class sourcedId.", unless: ResourceId.IsValid(classId));
            rows.Reject(record, "userSourcedId", "Required: a user sourcedId.", unless: ResourceId.IsValid(userId));
            rows.Reject(record, "classSourcedId", "The class's row in classes.csv was rejected or is being deleted.", unless: delete || !unavailableClasses.Contains(classId));
            rows.Reject(record, "userSourcedId", "The user's row in users.csv was rejected or is being deleted.", unless: delete || !unavailableUsers.Contains(userId));
            if (!delete)
            {
                rows.Reject(record, "role", "'student' or 'teacher' (other roles are not imported).", unless: role is Roles.Student or Roles.Teacher);
                RequireKnown(rows, record, "schoolSourcedId", orgs, required: false);
            }

            RosterClass? section = null;
            rows.Reject(record, "classSourcedId", "With classes as sections the class must be an active row of this package's classes.csv (its course and section come from it).",
                unless: classes is null || rows.IsRejected(record) || classes.TryGetValue(classId, out section));
            if (!rows.IsRejected(record))
            {
                var courseId = section?.CourseId ?? classId;
                var key = EnrollmentRecord.IdFor(courseId, userId);
                seen[key] = seen.GetValueOrDefault(key) + 1;
                mapped.Add(new RosterEnrollment(record.Row, delete, courseId, userId, role, section?.Section));
            }
        }

        foreach (var e in mapped)
        {
            if (seen[EnrollmentRecord.IdFor(e.CourseId, e.UserId)] > 1)
            {
                rows.Reject(e.Row, "userSourcedId", _classesAsSections
                    ? $"More than one enrollment of user '{e.UserId}' in classes of course '{e.CourseId}' (one section per course)."
                    : $"More than one enrollment of user '{e.UserId}' in class '{e.CourseId}'.");
            }
            else
            {
                Enrollments.Add(e);
            }
        }
    }

    private HashSet<string> RejectedIds(RosterRows rows)
    {
        var file = _package.Files[rows.File];
        var rejected = Errors.Where(e => e.File == rows.File).Select(e => e.Row).ToHashSet();
        return file.Records.Where(r => rejected.Contains(r.Row)).Select(r => rows.Get(r, "sourcedId")).Where(id => id.Length > 0).ToHashSet(StringComparer.Ordinal);
    }

    private static void RequireText(RosterRows rows, CsvRecord record, string column, int maxLength)
    {
        var value = rows.Get(record, column);
        rows.Reject(record, column, value.Length == 0 ? "Required." : $"At most {maxLength} characters.", unless: value.Length > 0 && value.Length <= maxLength);
    }

    private static void RequireOneOf(RosterRows rows, CsvRecord record, string column, string[] allowed) =>
        rows.Reject(record, column, "One of " + string.Join(", ", allowed) + ".", unless: allowed.Contains(rows.Get(record, column), StringComparer.OrdinalIgnoreCase));

    private static void RequireKnown(RosterRows rows, CsvRecord record, string column, HashSet<string>? known, bool required)
    {
        var value = rows.Get(record, column);
        if (value.Length == 0)
        {
            rows.Reject(record, column, "Required.", unless: !required);
            return;
        }

        rows.Reject(record, column, $"No valid, active row with sourcedId '{value}'.", unless: known is null || known.Contains(value));
    }

    private static void RequireKnownList(RosterRows rows, CsvRecord record, string column, HashSet<string>? known)
    {
        foreach (var id in rows.List(record, column).Where(id => known is not null && !known.Contains(id)))
        {
            rows.Reject(record, column, $"No valid, active row with sourcedId '{id}'.");
        }
    }

    private static bool IsEmail(string value) =>
        value.Length is > 0 and <= 320 && MailAddress.TryCreate(value, out var address) && address.Address == value && address.Host.Contains('.', StringComparison.Ordinal);
}
