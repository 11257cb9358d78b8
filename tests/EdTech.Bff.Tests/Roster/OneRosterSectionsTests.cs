using System.Net;
using System.Text.Json;
using EdTech.Bff.Tests.Fuzz;
using EdTech.Bff.Tests.Infrastructure;

namespace EdTech.Bff.Tests.Roster;

/// <summary>
/// <c>?classes=sections</c>: OneRoster's own model, where a class is one section of a courses.csv course. The course is created
/// from courses.csv; each class's students are enrolled in it with the class's classCode (else sourcedId) as their section, the
/// cohort the analytics group by.
/// </summary>
public sealed class OneRosterSectionsTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const string CoursesHeader = "sourcedId,status,dateLastModified,schoolYearSourcedId,title,courseCode,grades,orgSourcedId,subjects,subjectCodes\r\n";

    private static string Course(string id, string title) => $"{id},,,,\"{title}\",{id}-code,09,org1,,\r\n";

    private static string Class(string id, string course, string classCode, string title = "Algebra", string status = "") =>
        $"{id},{status},,\"{title}\",09,{course},{classCode},scheduled,,org1,,,,\r\n";

    /// <summary>One course, two classes (periods 1 and 2, the second with a class code that is not an id), a teacher in both, two students in each.</summary>
    private static Dictionary<string, string> TwoSections(string p) => new()
    {
        ["manifest.csv"] = RosterZip.Manifest,
        ["orgs.csv"] = RosterZip.Orgs,
        ["users.csv"] = RosterZip.UsersHeader + RosterZip.User($"{p}-t1", "teacher", "Tom", "Teach") + RosterZip.User($"{p}-s1") + RosterZip.User($"{p}-s2")
            + RosterZip.User($"{p}-s3") + RosterZip.User($"{p}-s4"),
        ["courses.csv"] = CoursesHeader + Course($"{p}-alg", "Algebra I"),
        ["classes.csv"] = RosterZip.ClassesHeader + Class($"{p}-c1", $"{p}-alg", "P1") + Class($"{p}-c2", $"{p}-alg", "Period 2"),
        ["enrollments.csv"] = RosterZip.EnrollmentsHeader + RosterZip.Enrollment($"{p}-e1", $"{p}-c1", $"{p}-t1", "teacher")
            + RosterZip.Enrollment($"{p}-e2", $"{p}-c1", $"{p}-s1") + RosterZip.Enrollment($"{p}-e3", $"{p}-c1", $"{p}-s2")
            + RosterZip.Enrollment($"{p}-e4", $"{p}-c2", $"{p}-s3") + RosterZip.Enrollment($"{p}-e5", $"{p}-c2", $"{p}-s4"),
    };

    private static int Count(JsonElement body, string file, string what) => body.GetProperty("files").GetProperty(file).GetProperty(what).GetInt32();

    private List<StoredRow> Rows(string tenant, string container) =>
        StoredRows.ReadAll(factory.DataDirectory).Where(r => r.Tenant == tenant && r.Container == container).ToList();

    [Fact]
    public async Task Import_ClassesAsSections_MakesOneCourseFromCoursesCsv_AndEachClassItsStudentsSection()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());

        var (status, body, _) = await school.Client.ImportAsync(school.Admin, RosterZip.Zip(TwoSections("s")), query: "?classes=sections");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Empty(body.GetProperty("errors").EnumerateArray());
        Assert.Equal(1, Count(body, "courses", "created"));
        Assert.Equal(5, Count(body, "enrollments", "created"));
        var course = Assert.Single(Rows(school.Tenant, "courses"), r => r.Id.StartsWith("s-", StringComparison.Ordinal));
        Assert.Equal("s-alg", course.Id);
        Assert.Contains("\"title\":\"Algebra I\"", course.Json, StringComparison.Ordinal);
        var enrollments = Rows(school.Tenant, "enrollments").Where(r => r.Id.StartsWith("s-alg:", StringComparison.Ordinal)).ToDictionary(r => r.Id, r => r.Json);
        Assert.Equal(5, enrollments.Count);
        Assert.Contains("\"section\":\"P1\"", enrollments["s-alg:s-s1"], StringComparison.Ordinal);
        Assert.Contains("\"section\":\"P1\"", enrollments["s-alg:s-t1"], StringComparison.Ordinal);
        // "Period 2" is not a valid section id (a space), so the class's sourcedId names the section.
        Assert.Contains("\"section\":\"s-c2\"", enrollments["s-alg:s-s3"], StringComparison.Ordinal);
        var (modules, _, _) = await school.Client.GetAsync("/api/student/courses/s-alg/modules", factory.Token(school.Tenant, "s-s4", "student"));
        Assert.Equal(HttpStatusCode.OK, modules);
    }

    [Fact]
    public async Task Import_ClassesAsSections_AStudentMovedToTheOtherClass_ChangesTheirSection_AndTheSameZipAgainWritesNothing()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var files = TwoSections("m");
        Assert.Equal(HttpStatusCode.OK, (await school.Client.ImportAsync(school.Admin, RosterZip.Zip(files), query: "?classes=sections")).Status);
        files["enrollments.csv"] = files["enrollments.csv"].Replace("m-e2,,,m-c1,", "m-e2,,,m-c2,", StringComparison.Ordinal);
        var moved = RosterZip.Zip(files);

        var (status, body, _) = await school.Client.ImportAsync(school.Admin, moved, query: "?classes=sections");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, Count(body, "enrollments", "updated"));
        Assert.Equal(4, Count(body, "enrollments", "unchanged"));
        Assert.Contains("\"section\":\"m-c2\"", Rows(school.Tenant, "enrollments").Single(r => r.Id == "m-alg:m-s1").Json, StringComparison.Ordinal);
        var before = StoreSnapshot.Take(factory.DataDirectory, school.Tenant);
        Assert.Equal(HttpStatusCode.OK, (await school.Client.ImportAsync(school.Admin, moved, query: "?classes=sections")).Status);
        Assert.Equal(before, StoreSnapshot.Take(factory.DataDirectory, school.Tenant));
    }

    [Fact]
    public async Task Import_ClassesAsSections_RejectsRowsThatCannotBeSections_AndAppliesTheRest()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var files = TwoSections("x");
        files["classes.csv"] += Class("x-c3", "", "P3") + Class("x-c4", "x-alg", "P4", status: "tobedeleted");
        files["enrollments.csv"] += RosterZip.Enrollment("x-e6", "x-c2", "x-s1") + RosterZip.Enrollment("x-e7", "x-elsewhere", "x-s2");

        var (status, body, _) = await school.Client.ImportAsync(school.Admin, RosterZip.Zip(files), query: "?classes=sections");

        Assert.Equal(HttpStatusCode.OK, status);
        var errors = body.GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("file").GetString(), e.GetProperty("field").GetString(), e.GetProperty("message").GetString()!)).ToList();
        Assert.Contains(errors, e => e.Item1 == "classes.csv" && e.Item2 == "courseSourcedId");
        Assert.Contains(errors, e => e.Item1 == "classes.csv" && e.Item2 == "status");
        // x-s1 is in two classes of one course: both rows are refused (which section is meant is unknowable).
        Assert.Equal(2, errors.Count(e => e.Item1 == "enrollments.csv" && e.Item3.Contains("one section per course", StringComparison.Ordinal)));
        Assert.Contains(errors, e => e.Item1 == "enrollments.csv" && e.Item2 == "classSourcedId" && e.Item3.Contains("this package's classes.csv", StringComparison.Ordinal));
        Assert.Equal(4, Count(body, "enrollments", "created"));
        Assert.DoesNotContain(Rows(school.Tenant, "enrollments"), r => r.Id == "x-alg:x-s1");
    }

    [Fact]
    public async Task Import_ClassesAsSections_WithoutCoursesCsv_IsRefusedWhole_AndAnUnknownModeNamesTheField()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var files = TwoSections("n");
        files.Remove("courses.csv");

        var (missing, missingBody, _) = await school.Client.ImportAsync(school.Admin, RosterZip.Zip(files), query: "?classes=sections");
        var (unknown, unknownBody, _) = await school.Client.ImportAsync(school.Admin, RosterZip.Zip(TwoSections("n")), query: "?classes=periods");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, missing);
        Assert.True(missingBody.GetProperty("errors").TryGetProperty("courses.csv", out _));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown);
        Assert.True(unknownBody.GetProperty("errors").TryGetProperty("classes", out _));
        Assert.DoesNotContain(Rows(school.Tenant, "enrollments"), r => r.Id.StartsWith("n-", StringComparison.Ordinal));
    }
}
