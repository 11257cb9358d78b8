using System.Net;
using System.Text.Json;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Bff.Tests.Fuzz;
using EdTech.Bff.Tests.Infrastructure;
using EdTech.Domain.Tenancy;
using Microsoft.Extensions.DependencyInjection;

namespace EdTech.Bff.Tests.Modules;

public sealed class CourseModulesTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static object Module(string title = "Week 1", int position = 1, params object[] items) => new { title, position, items };

    private static object Quiz(string id = "i1", string assessmentId = "quiz1") => new { id, title = "The quiz", kind = "assessment", assessmentId };

    private static object Link(string id = "i2", string url = "https://example.org/reading") => new { id, title = "Reading", kind = "link", url };

    private static object Page(string id = "i3") => new { id, title = "Intro", kind = "page" };

    private static string Path(School s, string module = "m1") => $"/api/teacher/courses/{s.Course}/modules/{module}";

    private static string[] ErrorFields(JsonElement body) => body.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToArray();

    [Fact]
    public async Task Put_NewModule_Is201_AndTheSameAgainIs200AndWritesNothing()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var module = Module("Week 1", 1, Quiz(), Link(), Page());

        var (created, body, _) = await school.Client.SendAsync(HttpMethod.Put, Path(school), school.Teacher, module);
        var before = StoreSnapshot.Take(factory.DataDirectory, school.Tenant);
        var (again, _, _) = await school.Client.SendAsync(HttpMethod.Put, Path(school), school.Teacher, module);

        Assert.Equal(HttpStatusCode.Created, created);
        Assert.Equal("m1", body.GetProperty("id").GetString());
        Assert.Equal(3, body.GetProperty("items").GetArrayLength());
        Assert.Equal(HttpStatusCode.OK, again);
        Assert.Equal(before, StoreSnapshot.Take(factory.DataDirectory, school.Tenant));
    }

    [Fact]
    public async Task Put_OtherContent_ReplacesTheModule_AndListsAreInPositionOrder()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        await school.Client.SendAsync(HttpMethod.Put, Path(school, "later"), school.Teacher, Module("Later", 5, Page()));
        await school.Client.SendAsync(HttpMethod.Put, Path(school, "first"), school.Teacher, Module("First", 2, Page()));

        var (replaced, _, _) = await school.Client.SendAsync(HttpMethod.Put, Path(school, "later"), school.Teacher, Module("Now first", 0, Link()));
        var (status, list, _) = await school.Client.GetAsync($"/api/teacher/courses/{school.Course}/modules", school.Teacher);

        Assert.Equal(HttpStatusCode.OK, replaced);
        Assert.Equal(HttpStatusCode.OK, status);
        var modules = list.GetProperty("modules").EnumerateArray().ToList();
        Assert.Equal(["later", "first"], modules.Select(m => m.GetProperty("id").GetString()));
        Assert.Equal("Now first", modules[0].GetProperty("title").GetString());
        Assert.Equal("link", modules[0].GetProperty("items")[0].GetProperty("kind").GetString());
    }

    [Fact]
    public async Task StudentList_ShowsEnrolledStudents_ButNotAssessmentsTheyCannotOpen()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        Assert.Equal(HttpStatusCode.Created, (await school.Client.SendAsync(HttpMethod.Put, Path(school), school.Teacher, Module("Week 1", 1, Quiz(), Page()))).Status);
        // A module naming an assessment that is not (or no longer) in the course: written directly, as the API refuses it.
        var store = factory.Services.GetRequiredService<IDocumentStore>();
        await store.CreateAsync(new TenantId(school.Tenant), new ModuleRecord(ModuleRecord.IdFor(school.Course, "stale"), school.Course, "stale", "Stale", 2,
            [new ModuleItem("gone", "Gone quiz", "assessment", "no-such-quiz"), new ModuleItem("p", "Page", "page")], "t1", DateTimeOffset.UtcNow));

        var (status, body, _) = await school.Client.GetAsync($"/api/student/courses/{school.Course}/modules", school.Student1);
        var (_, teacherView, _) = await school.Client.GetAsync($"/api/teacher/courses/{school.Course}/modules", school.Teacher);

        Assert.Equal(HttpStatusCode.OK, status);
        var items = body.GetProperty("modules").EnumerateArray().Select(m => m.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()).ToArray()).ToList();
        Assert.Equal([["i1", "i3"], ["p"]], items);
        Assert.Equal(2, teacherView.GetProperty("modules")[1].GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task NotEnrolledOrOtherTenant_Is404_AndNothingIsStored()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var other = await School.CreateAsync(factory, school.Client);
        // A course only the home school has: the other school's t1/s1 are enrolled in their own math101, not in this.
        Assert.Equal(HttpStatusCode.Created, (await school.Client.PostAsync("/api/admin/courses", school.Admin, new { id = "only-here", title = "Only here" })).Status);
        Assert.Equal(HttpStatusCode.Created, (await school.Client.PostAsync("/api/admin/courses/only-here/enrollments", school.Admin, new { userId = "t1", role = "teacher" })).Status);
        Assert.Equal(HttpStatusCode.Created, (await school.Client.PostAsync("/api/admin/courses/only-here/enrollments", school.Admin, new { userId = "s1", role = "student" })).Status);
        Assert.Equal(HttpStatusCode.Created, (await school.Client.SendAsync(HttpMethod.Put, "/api/teacher/courses/only-here/modules/m1", school.Teacher, Module(items: Page()))).Status);
        var before = StoreSnapshot.Take(factory.DataDirectory, school.Tenant);

        var foreignTeacherPut = (await school.Client.SendAsync(HttpMethod.Put, "/api/teacher/courses/only-here/modules/m1", other.Teacher, Module("Hijack", items: Page()))).Status;
        var foreignTeacherGet = (await school.Client.GetAsync("/api/teacher/courses/only-here/modules", other.Teacher)).Status;
        var foreignStudent = (await school.Client.GetAsync("/api/student/courses/only-here/modules", other.Student1)).Status;
        var unenrolledTeacher = (await school.Client.SendAsync(HttpMethod.Put, Path(school), factory.Token(school.Tenant, "t9", "teacher"), Module(items: Page()))).Status;
        var unenrolledStudent = (await school.Client.GetAsync("/api/student/courses/only-here/modules", school.Student2)).Status;

        Assert.Equal(HttpStatusCode.NotFound, foreignTeacherPut);
        Assert.Equal(HttpStatusCode.NotFound, foreignTeacherGet);
        Assert.Equal(HttpStatusCode.NotFound, foreignStudent);
        Assert.Equal(HttpStatusCode.NotFound, unenrolledTeacher);
        Assert.Equal(HttpStatusCode.NotFound, unenrolledStudent);
        Assert.Equal(before, StoreSnapshot.Take(factory.DataDirectory, school.Tenant));
        Assert.DoesNotContain(StoredRows.ReadAll(factory.DataDirectory), r => r.Container == "modules" && r.Tenant == other.Tenant);
    }

    public static TheoryData<string, string> BadModules => new()
    {
        { """{"title":"W","position":1,"items":[{"id":"i1","title":"L","kind":"link","url":"http://example.org/x"}]}""", "items[0].url" },
        { """{"title":"W","position":1,"items":[{"id":"i1","title":"L","kind":"link","url":"/relative"}]}""", "items[0].url" },
        { """{"title":"W","position":1,"items":[{"id":"i1","title":"Q","kind":"assessment","assessmentId":"no-such"}]}""", "items[0].assessmentId" },
        { """{"title":"W","position":1,"items":[{"id":"i1","title":"Q","kind":"assessment"}]}""", "items[0].assessmentId" },
        { """{"title":"W","position":1,"items":[{"id":"i1","title":"P","kind":"page","url":"https://example.org"}]}""", "items[0].url" },
        { """{"title":"W","position":1,"items":[{"id":"i1","title":"P","kind":"video"}]}""", "items[0].kind" },
        { """{"title":"W","position":1,"items":[{"id":"i1","title":"P","kind":"page"},{"id":"i1","title":"P","kind":"page"}]}""", "items[1].id" },
        { """{"title":"","position":1,"items":[]}""", "title" },
        { """{"title":"W","position":-1,"items":[]}""", "position" },
        { """{"title":"W","position":1}""", "items" },
    };

    [Theory]
    [MemberData(nameof(BadModules))]
    public async Task Put_BadModule_Is422NamingTheField_AndStoresNothing(string json, string field)
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var before = StoreSnapshot.Take(factory.DataDirectory, school.Tenant);

        var (status, body, _) = await school.Client.SendAsync(HttpMethod.Put, Path(school), school.Teacher, rawJson: json);

        Assert.Equal((HttpStatusCode)422, status);
        Assert.Contains(field, ErrorFields(body));
        Assert.Equal(before, StoreSnapshot.Take(factory.DataDirectory, school.Tenant));
    }

    [Fact]
    public async Task Put_BadModuleIdInRoute_Is422NamingIt()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());

        var (status, body, _) = await school.Client.SendAsync(HttpMethod.Put, Path(school, "bad%20id"), school.Teacher, Module(items: Page()));

        Assert.Equal((HttpStatusCode)422, status);
        Assert.Contains("moduleId", ErrorFields(body));
    }

    [Fact]
    public async Task Put_AssessmentOfAnotherCourse_Is422()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        Assert.Equal(HttpStatusCode.Created, (await school.Client.PostAsync("/api/admin/courses", school.Admin, new { id = "art", title = "Art" })).Status);
        Assert.Equal(HttpStatusCode.Created, (await school.Client.PostAsync("/api/admin/courses/art/enrollments", school.Admin, new { userId = "t1", role = "teacher" })).Status);

        var (status, body, _) = await school.Client.SendAsync(HttpMethod.Put, "/api/teacher/courses/art/modules/m1", school.Teacher, Module(items: Quiz()));

        Assert.Equal((HttpStatusCode)422, status);
        Assert.Contains("items[0].assessmentId", ErrorFields(body));
    }
}
