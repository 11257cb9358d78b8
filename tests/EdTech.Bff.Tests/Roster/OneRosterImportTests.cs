using System.Net;
using System.Text.Json;
using EdTech.Bff.Tests.Fuzz;
using EdTech.Bff.Tests.Infrastructure;

namespace EdTech.Bff.Tests.Roster;

public sealed class OneRosterImportTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static int Count(JsonElement body, string file, string what) => body.GetProperty("files").GetProperty(file).GetProperty(what).GetInt32();

    private static IEnumerable<(string File, int Row, string Field)> Errors(JsonElement body) =>
        body.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("file").GetString()!, e.GetProperty("row").GetInt32(), e.GetProperty("field").GetString()!));

    private static List<StoredRow> Rows(ApiFactory factory, string tenant, string container) =>
        StoredRows.ReadAll(factory.DataDirectory).Where(r => r.Tenant == tenant && r.Container == container).ToList();

    [Fact]
    public async Task Import_ValidRoster_CreatesUsersCoursesAndEnrollments_ThatTheApiHonours()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());

        var (status, body, _) = await school.Client.ImportAsync(school.Admin, RosterZip.Zip(RosterZip.Valid()));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Empty(body.GetProperty("errors").EnumerateArray());
        Assert.Equal(3, Count(body, "users", "created"));
        Assert.Equal(1, Count(body, "classes", "created"));
        Assert.Equal(3, Count(body, "enrollments", "created"));
        Assert.Equal(1, Count(body, "orgs", "rows"));
        var course = Rows(factory, school.Tenant, "courses").Single(r => r.Id == "r-c1");
        Assert.Contains("\"title\":\"Algebra, Period 1\"", course.Json, StringComparison.Ordinal);
        var teacher = Rows(factory, school.Tenant, "users").Single(r => r.Id == "r-t1");
        Assert.Contains("\"displayName\":\"Tom Teach\"", teacher.Json, StringComparison.Ordinal);
        Assert.Contains("\"roles\":[\"teacher\"]", teacher.Json, StringComparison.Ordinal);
        var (modules, _, _) = await school.Client.GetAsync("/api/teacher/courses/r-c1/modules", factory.Token(school.Tenant, "r-t1", "teacher"));
        Assert.Equal(HttpStatusCode.OK, modules);
        var (studentView, _, _) = await school.Client.GetAsync("/api/student/courses/r-c1/modules", factory.Token(school.Tenant, "r-s2", "student"));
        Assert.Equal(HttpStatusCode.OK, studentView);
    }

    [Fact]
    public async Task Import_SameZipAgain_ReportsAllUnchanged_AndWritesNothing()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var zip = RosterZip.Zip(RosterZip.Valid());
        Assert.Equal(HttpStatusCode.OK, (await school.Client.ImportAsync(school.Admin, zip)).Status);
        var before = StoreSnapshot.Take(factory.DataDirectory, school.Tenant);

        var (status, body, _) = await school.Client.ImportAsync(school.Admin, zip);

        Assert.Equal(HttpStatusCode.OK, status);
        foreach (var (file, rows) in new[] { ("users", 3), ("classes", 1), ("enrollments", 3) })
        {
            Assert.Equal(rows, Count(body, file, "unchanged"));
            Assert.Equal(0, Count(body, file, "created") + Count(body, file, "updated") + Count(body, file, "deleted"));
        }

        Assert.Equal(before, StoreSnapshot.Take(factory.DataDirectory, school.Tenant));
    }

    [Fact]
    public async Task Import_ChangedRows_UpdateRecords_AndKeepRolesTheRosterDoesNotOwn()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        Assert.Equal(HttpStatusCode.Created, (await school.Client.PostAsync("/api/admin/users", school.Admin,
            new { id = "u-t1", displayName = "Old", email = "old@lincoln.example", roles = new[] { "teacher", "content-author" } })).Status);
        var files = RosterZip.Valid("u");
        Assert.Equal(HttpStatusCode.OK, (await school.Client.ImportAsync(school.Admin, RosterZip.Zip(files))).Status);
        files["classes.csv"] = RosterZip.ClassesHeader + RosterZip.Class("u-c1", "Algebra II");
        files["enrollments.csv"] = files["enrollments.csv"].Replace("u-s2,student", "u-s2,teacher", StringComparison.Ordinal);

        var (status, body, _) = await school.Client.ImportAsync(school.Admin, RosterZip.Zip(files));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, Count(body, "classes", "updated"));
        Assert.Equal(1, Count(body, "enrollments", "updated"));
        Assert.Equal(2, Count(body, "enrollments", "unchanged"));
        Assert.Contains("\"title\":\"Algebra II\"", Rows(factory, school.Tenant, "courses").Single(r => r.Id == "u-c1").Json, StringComparison.Ordinal);
        var teacher = Rows(factory, school.Tenant, "users").Single(r => r.Id == "u-t1").Json;
        Assert.Contains("\"roles\":[\"content-author\",\"teacher\"]", teacher, StringComparison.Ordinal);
        Assert.Contains("\"email\":\"u-t1@lincoln.example\"", teacher, StringComparison.Ordinal);
        var (gradebook, _, _) = await school.Client.GetAsync("/api/teacher/courses/u-c1/gradebook", factory.Token(school.Tenant, "u-s2", "teacher"));
        Assert.Equal(HttpStatusCode.OK, gradebook);
    }

    [Fact]
    public async Task Import_BadRows_AreReportedWithFileRowAndField_AndSkipped_WhileGoodRowsApply()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var files = RosterZip.Valid("b");
        files["users.csv"] = RosterZip.UsersHeader
            + RosterZip.User("b-ok")                                  // row 2
            + RosterZip.User("b-mail", email: "not-an-email")         // row 3
            + RosterZip.User("b-parent", role: "parent")              // row 4
            + RosterZip.User("b-dup") + RosterZip.User("b-dup")       // rows 5, 6
            + RosterZip.User("b-status", status: "archived")          // row 7
            + RosterZip.User("b-org", org: "org-nowhere")             // row 8
            + RosterZip.User("b-noname", given: "", family: "")       // row 9
            + "b-short,,,true\r\n";                                   // row 10
        files["classes.csv"] = RosterZip.ClassesHeader + RosterZip.Class("b-c1") + RosterZip.Class("b-c2", title: "") + RosterZip.Class("b-c3", school: "nope");
        files["enrollments.csv"] = RosterZip.EnrollmentsHeader
            + RosterZip.Enrollment("b-e1", "b-c1", "b-ok")             // row 2: good
            + RosterZip.Enrollment("b-e2", "b-c1", "b-ghost")          // row 3: no such user anywhere
            + RosterZip.Enrollment("b-e3", "b-c1", "b-mail")           // row 4: user row rejected
            + RosterZip.Enrollment("b-e4", "b-c404", "b-ok")           // row 5: no such class
            + RosterZip.Enrollment("b-e5", "b-c1", "s1", "aide")       // row 6: role not imported
            + RosterZip.Enrollment("b-e6", "b-c1", "s1");              // row 7: good, user created through the API earlier
        var before = Rows(factory, school.Tenant, "users").Count;

        var (status, body, _) = await school.Client.ImportAsync(school.Admin, RosterZip.Zip(files));

        Assert.Equal(HttpStatusCode.OK, status);
        var errors = Errors(body).ToList();
        Assert.Contains(("users.csv", 3, "email"), errors);
        Assert.Contains(("users.csv", 4, "role"), errors);
        Assert.Contains(("users.csv", 5, "sourcedId"), errors);
        Assert.Contains(("users.csv", 6, "sourcedId"), errors);
        Assert.Contains(("users.csv", 7, "status"), errors);
        Assert.Contains(("users.csv", 8, "orgSourcedIds"), errors);
        Assert.Contains(("users.csv", 9, "givenName"), errors);
        Assert.Contains(("users.csv", 10, ""), errors);
        Assert.Contains(("classes.csv", 3, "title"), errors);
        Assert.Contains(("classes.csv", 4, "schoolSourcedId"), errors);
        Assert.Contains(("enrollments.csv", 3, "userSourcedId"), errors);
        Assert.Contains(("enrollments.csv", 4, "userSourcedId"), errors);
        Assert.Contains(("enrollments.csv", 5, "classSourcedId"), errors);
        Assert.Contains(("enrollments.csv", 6, "role"), errors);
        Assert.Equal(9, Count(body, "users", "rows"));
        Assert.Equal((1, 8), (Count(body, "users", "created"), Count(body, "users", "errors")));
        Assert.Equal((1, 2), (Count(body, "classes", "created"), Count(body, "classes", "errors")));
        Assert.Equal((2, 4), (Count(body, "enrollments", "created"), Count(body, "enrollments", "errors")));
        Assert.Equal(before + 1, Rows(factory, school.Tenant, "users").Count);
        Assert.Equal(["b-c1:b-ok", "b-c1:s1"], Rows(factory, school.Tenant, "enrollments").Select(r => r.Id).Where(id => id.StartsWith("b-", StringComparison.Ordinal)).Order());
    }

    [Fact]
    public async Task Import_ToBeDeleted_RemovesEnrollmentsAndUsers_AndRefusesCoursesWithAssessments()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var files = RosterZip.Valid("d");
        Assert.Equal(HttpStatusCode.OK, (await school.Client.ImportAsync(school.Admin, RosterZip.Zip(files))).Status);
        files["users.csv"] = RosterZip.UsersHeader + RosterZip.User("d-t1", "teacher", "Tom", "Teach") + RosterZip.User("d-s1") + RosterZip.User("d-s2", status: "tobedeleted");
        files["enrollments.csv"] = RosterZip.EnrollmentsHeader + RosterZip.Enrollment("d-e1", "d-c1", "d-t1", "teacher") + RosterZip.Enrollment("d-e2", "d-c1", "d-s1", status: "tobedeleted");
        files["classes.csv"] = RosterZip.ClassesHeader + RosterZip.Class("d-c1") + RosterZip.Class(school.Course, status: "tobedeleted");

        var (status, body, _) = await school.Client.ImportAsync(school.Admin, RosterZip.Zip(files));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, Count(body, "users", "deleted"));
        Assert.Equal(2, Count(body, "enrollments", "deleted"));
        Assert.Contains(("classes.csv", 3, "status"), Errors(body));
        Assert.Equal(["d-c1:d-t1"], Rows(factory, school.Tenant, "enrollments").Select(r => r.Id).Where(id => id.StartsWith("d-", StringComparison.Ordinal)));
        Assert.DoesNotContain(Rows(factory, school.Tenant, "users"), r => r.Id == "d-s2");
        Assert.Contains(Rows(factory, school.Tenant, "courses"), r => r.Id == school.Course);
        var (gone, _, _) = await school.Client.GetAsync("/api/student/courses/d-c1/modules", factory.Token(school.Tenant, "d-s1", "student"));
        Assert.Equal(HttpStatusCode.NotFound, gone);
    }

    [Fact]
    public async Task Import_OneRoster12_TakesEachUsersPrimaryRoleFromRolesCsv()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var files = RosterZip.Valid("v12");
        files["manifest.csv"] = files["manifest.csv"].Replace("oneroster.version,1.1", "oneroster.version,1.2", StringComparison.Ordinal);
        files["users.csv"] = "sourcedId,status,dateLastModified,enabledUser,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password,userMasterIdentifier,resourceSourcedIds,preferredGivenName,preferredMiddleName,preferredFamilyName,primaryOrg,pronouns\r\n"
            + string.Concat(new[] { "v12-t1", "v12-s1", "v12-s2", "v12-x" }.Select(id => $"{id},,,true,{id},,Given,Family,,,{id}@lincoln.example,,,,,,,,,,,org1,\r\n"));
        files["roles.csv"] = "sourcedId,status,dateLastModified,userSourcedId,roleType,role,orgSourcedId,userProfileSourcedId,beginDate,endDate\r\n"
            + "ro1,,,v12-t1,primary,teacher,org1,,,\r\nro2,,,v12-t1,secondary,administrator,org1,,,\r\n"
            + "ro3,,,v12-s1,primary,student,org1,,,\r\nro4,,,v12-s2,primary,student,org1,,,\r\nro5,,,v12-s2,primary,teacher,org1,,,\r\n";

        var (status, body, _) = await school.Client.ImportAsync(school.Admin, RosterZip.Zip(files));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(2, Count(body, "users", "created"));
        Assert.Contains(("roles.csv", 5, "userSourcedId"), Errors(body));
        Assert.Contains(("roles.csv", 6, "userSourcedId"), Errors(body));
        Assert.Contains(("users.csv", 4, "role"), Errors(body));
        Assert.Contains(("users.csv", 5, "role"), Errors(body));
        Assert.Contains("\"roles\":[\"teacher\"]", Rows(factory, school.Tenant, "users").Single(r => r.Id == "v12-t1").Json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_WritesOnlyIntoTheTokensTenant()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var other = await School.CreateAsync(factory, school.Client);

        Assert.Equal(HttpStatusCode.OK, (await school.Client.ImportAsync(school.Admin, RosterZip.Zip(RosterZip.Valid("iso")))).Status);

        var mentions = StoredRows.ReadAll(factory.DataDirectory).Where(r => r.Mentions("iso-")).Select(r => r.Tenant).Distinct();
        Assert.Equal([school.Tenant], mentions);
        Assert.DoesNotContain(StoredRows.ReadAll(factory.DataDirectory), r => r.Tenant == other.Tenant && r.Id.StartsWith("iso-", StringComparison.Ordinal));
    }
}
