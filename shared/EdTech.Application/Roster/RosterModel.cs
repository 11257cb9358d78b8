namespace EdTech.Application.Roster;

/// <summary>A rejected row: the file, its row number (header = 1), the column and why. The row was skipped.</summary>
public sealed record RosterRowError(string File, int Row, string Field, string Message);

/// <summary>What happened to one file's rows. Files that are validated but not stored (orgs, courses, academic sessions) count only rows and errors.</summary>
public sealed record FileCounts(int Rows, int Created, int Updated, int Unchanged, int Deleted, int Errors);

public sealed record ImportOneRosterResult(IReadOnlyDictionary<string, FileCounts> Files, IReadOnlyList<RosterRowError> Errors, IReadOnlyList<string> Notes);

/// <summary>A valid users.csv row, mapped: display name from given and family names, role to ours.</summary>
public sealed record RosterUser(int Row, string Id, bool Delete, string DisplayName, string Email, string Role);

/// <summary>
/// A valid classes.csv row. Classes as courses (the default): the class becomes a course (sourcedId → course id).
/// Classes as sections: <see cref="CourseId"/> is its courses.csv course and <see cref="Section"/> the section its students
/// are enrolled in (its classCode when that is a valid id, else its sourcedId). Also a courses.csv row in that mode (Id = Title's course).
/// </summary>
public sealed record RosterClass(int Row, string Id, bool Delete, string Title, string? CourseId = null, string? Section = null);

/// <param name="Section">The class's section when classes are imported as sections; else null (the enrollment's section is kept).</param>
public sealed record RosterEnrollment(int Row, bool Delete, string CourseId, string UserId, string Role, string? Section = null);

/// <summary>Mutable per-file counters while the import runs.</summary>
public sealed class FileTally
{
    public int Rows { get; set; }

    public int Created { get; set; }

    public int Updated { get; set; }

    public int Unchanged { get; set; }

    public int Deleted { get; set; }

    public int Errors { get; set; }

    public FileCounts ToCounts() => new(Rows, Created, Updated, Unchanged, Deleted, Errors);
}
