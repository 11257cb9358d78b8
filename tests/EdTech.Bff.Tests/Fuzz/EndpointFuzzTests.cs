using System.Net;
using System.Net.Http.Headers;
using CsCheck;
using EdTech.Bff.Tests.Infrastructure;
using Xunit.Abstractions;

namespace EdTech.Bff.Tests.Fuzz;

/// <summary>
/// Property: for every endpoint that takes a body, any body (hostile or not) gets a non-5xx answer;
/// a 4xx is problem+json and changes nothing stored.
/// </summary>
public sealed class EndpointFuzzTests(ApiFactory factory, ITestOutputHelper output) : IClassFixture<ApiFactory>
{
    private const int Iterations = 400;

    private sealed record Target(string Method, string Path, Func<School, string> Token, string ValidJson);

    private static readonly Target[] Targets =
    [
        new("POST", "/api/platform/tenants", s => s.Factory.Token("platform", "root", "platform-admin"), """{"id":"fuzz-school","name":"Fuzz","timeZone":"UTC"}"""),
        new("PATCH", "/api/platform/tenants/fuzz-target", s => s.Factory.Token("platform", "root", "platform-admin"),
            """{"name":"Renamed","timeZone":"Europe/Paris","quotas":{"maxStudents":10,"maxSubmissionsPerMinute":60},"features":{"beta":true}}"""),
        new("POST", "/api/platform/tenants/fuzz-target/suspend", s => s.Factory.Token("platform", "root", "platform-admin"), """{"reason":"Unpaid"}"""),
        new("POST", "/api/admin/students/fz-erase/erasure", s => s.Admin, """{"reason":"Parent's request"}"""),
        new("POST", "/api/admin/users", s => s.Admin, """{"id":"fz1","displayName":"Fuzz","email":"f@x.example","roles":["student"]}"""),
        new("POST", "/api/admin/courses", s => s.Admin, """{"id":"fzc","title":"Fuzz course"}"""),
        new("POST", "/api/admin/courses/math101/enrollments", s => s.Admin, """{"userId":"s1","role":"student","section":"7A"}"""),
        new("POST", "/api/teacher/courses/math101/assessments", s => s.Teacher, """
            {"id":"fzq","title":"Q","dueAt":"2030-01-01T00:00:00Z","graceSeconds":60,"maxAttempts":3,
             "latePolicy":{"percentPerDay":10,"floorPercent":50},"release":{"mode":"scheduled","at":"2030-02-01T00:00:00Z"},
             "items":[{"id":"q1","type":"single-choice","prompt":"p","choices":["a","b"],"answer":"a","points":1,"skills":["s"]},
                      {"id":"q2","type":"numeric","prompt":"p","answer":1.5,"tolerance":0.1,"points":2,"skills":[]},
                      {"id":"q3","type":"multi-choice","prompt":"p","choices":["a","b","c"],"answer":["a","c"],"points":1,"skills":["s"]}]}
            """),
        new("PUT", "/api/teacher/courses/math101/modules/fzm", s => s.Teacher, """
            {"title":"Week 1","position":1,"items":[{"id":"i1","title":"Quiz","kind":"assessment","assessmentId":"quiz1"},
             {"id":"i2","title":"Read","kind":"link","url":"https://example.org/a"},{"id":"i3","title":"Intro","kind":"page"}]}
            """),
        new("PUT", "/api/teacher/courses/math101/grading-scheme", s => s.Teacher,
            """{"categories":[{"id":"hw","name":"Homework","weight":1,"dropLowest":1},{"id":"ex","name":"Exams","weight":2.5}]}"""),
        new("POST", "/api/student/assessments/quiz1/submissions", s => s.Student1, """
            {"answers":[{"itemId":"q1","value":"4"},{"itemId":"q2","value":["2","3"]},{"itemId":"q3","value":3.14},{"itemId":"q4","value":"Paris"}]}
            """),
        new("POST", "/api/student/items/q1/ratings", s => s.Student1, """{"assessmentId":"quiz1","helpful":false,"comment":"Unclear"}"""),
        new("POST", "/api/student/events", s => s.Student1, """
            {"events":[{"id":"fz-e1","verb":"viewed","objectType":"assessment","objectId":"quiz1","courseId":"math101","at":"2026-01-01T10:00:00Z","durationSeconds":30},
             {"id":"fz-e2","verb":"answered","objectType":"item","objectId":"quiz1/q2","courseId":"math101","at":"2026-01-01T10:01:00Z"}]}
            """),
        new("PUT", "/api/content/taxonomy/skills/fz-skill", s => s.Factory.Token(s.Tenant, "c1", "content-author"),
            """{"name":"Fractions","description":"Adding and comparing fractions","examples":["1/2 + 1/3"]}"""),
        new("POST", "/api/content/suggestions/quiz1/q1/accept", s => s.Factory.Token(s.Tenant, "c1", "content-author"), """{"skills":["arithmetic","primes"]}"""),
        new("POST", "/api/content/suggestions/accept", s => s.Factory.Token(s.Tenant, "c1", "content-author"), """{"courseId":"math101","minConfidence":0.9,"assessmentId":"quiz1"}"""),
        new("PATCH", "/api/admin/users/fz-patch", s => s.Admin, """{"displayName":"Renamed","email":"r@x.example","roles":["student","teacher"],"active":true}"""),
        new("PUT", "/api/teacher/courses/math101/skill-graph", s => s.Teacher, """{"prerequisites":[{"skill":"primes","requires":["arithmetic"]},{"skill":"geometry","requires":[]}]}"""),
        new("POST", "/api/teacher/courses/math101/rubrics", s => s.Teacher, """
            {"id":"fzr","title":"Essay","description":"d","criteria":[{"id":"c1","title":"Content","levels":[{"id":"l0","title":"None","points":0},{"id":"l1","title":"Some","description":"x","points":2.5}]},
             {"id":"c2","title":"Style","levels":[{"id":"l0","title":"Weak","points":0},{"id":"l1","title":"Strong","points":2}]}]}
            """),
        // A course of its own (fz-arch, created below), so an archive never closes math101 to the other targets.
        new("PATCH", "/api/admin/courses/fz-arch", s => s.Admin, """{"title":"Renamed course","archived":true}"""),
        new("PUT", "/api/teacher/courses/math101/accommodations/s1", s => s.Teacher,
            """{"timeMultiplier":1.5,"extensions":[{"assessmentId":"quiz1","dueAt":"2030-01-01T00:00:00Z"}],"reason":"IEP"}"""),
        new("PUT", "/api/admin/courses/math101/accommodations/s2", s => s.Admin, """{"timeMultiplier":2,"extensions":[]}"""),
        // s1's first attempt of quiz1, started in the set-up (attempt ids are derived, so the path is known here).
        new("PUT", $"/api/student/assessments/quiz1/attempts/{EdTech.Application.Timing.AttemptIds.For("s1", "quiz1", 1)}/draft", s => s.Student1,
            """{"sequence":5,"answers":[{"itemId":"q1","value":"4"},{"itemId":"q2","value":["2","3"]}]}"""),
    ];

    [Fact]
    public async Task AnyBody_OnEveryBodyEndpoint_IsNeverA5xx_AndARejectionChangesNothing()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var platform = factory.Token("platform", "root", "platform-admin");
        Assert.Equal(HttpStatusCode.Created, (await school.Client.PostAsync("/api/platform/tenants", platform, new { id = "fuzz-target", name = "Target", timeZone = "UTC" })).Status);
        Assert.Equal(HttpStatusCode.Created, (await school.Client.PostAsync("/api/admin/users", school.Admin, new { id = "fz-erase", displayName = "Erase Me", email = "erase@x.example", roles = new[] { "student" } })).Status);
        Assert.Equal(HttpStatusCode.Created, (await school.Client.PostAsync("/api/admin/users", school.Admin, new { id = "fz-patch", displayName = "Patch Me", email = "patch@x.example", roles = new[] { "student" } })).Status);
        Assert.Equal(HttpStatusCode.Created, (await school.Client.PostAsync("/api/admin/courses", school.Admin, new { id = "fz-arch", title = "Archivable" })).Status);
        Assert.Equal(HttpStatusCode.Created, (await school.Client.PostAsync("/api/student/assessments/quiz1/attempts", school.Student1, new { })).Status);
        var statuses = new Dictionary<int, int>();
        var gen = Gen.Int[0, Targets.Length - 1].SelectMany(i => FuzzBodies.For(Targets[i].ValidJson).Select(b => (Target: Targets[i], b.Body, b.ContentType)));

        await gen.SampleAsync(async sample =>
        {
            var before = StoreSnapshot.Take(factory.DataDirectory, school.Tenant);
            using var request = new HttpRequestMessage(new HttpMethod(sample.Target.Method), sample.Target.Path)
            {
                Content = new ByteArrayContent(sample.Body),
            };
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(sample.ContentType);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", sample.Target.Token(school));
            using var response = await school.Client.SendAsync(request);
            var status = (int)response.StatusCode;
            lock (statuses)
            {
                statuses[status] = statuses.GetValueOrDefault(status) + 1;
            }

            Assert.True(status < 500, $"{sample.Target.Method} {sample.Target.Path} answered {status}: {await response.Content.ReadAsStringAsync()}");
            if (status >= 400)
            {
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                Assert.Equal(before, StoreSnapshot.Take(factory.DataDirectory, school.Tenant));
            }
        }, iter: Iterations, threads: 1, print: s => $"{s.Target.Method} {s.Target.Path} ({s.ContentType}) {System.Text.Encoding.UTF8.GetString(s.Body)[..Math.Min(300, s.Body.Length)]}");

        output.WriteLine(string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value}")));
        Assert.Contains(statuses.Keys, s => s is 400);
        Assert.Contains(statuses.Keys, s => s is 422);
    }

    [Fact]
    public async Task AnyPathId_OnEveryGetEndpoint_IsNeverA5xx()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        string[] templates = ["/api/student/assessments/{0}", "/api/student/submissions/{0}", "/api/teacher/courses/{0}/gradebook",
            "/api/teacher/courses/{0}/grading-scheme", "/api/teacher/assessments/{0}/statistics", "/api/teacher/courses/{0}/analytics/heatmap",
            "/api/teacher/courses/{0}/analytics/usage", "/api/teacher/courses/{0}/analytics/usage/modules", "/api/teacher/courses/{0}/assessments",
            "/api/teacher/courses/{0}/analytics/improvements",
            "/api/student/courses/{0}/assessments", "/api/teacher/assessments/{0}/submissions",
            "/api/teacher/courses/{0}/enrollments", "/api/admin/courses/{0}/enrollments",
            "/api/teacher/courses/{0}/rubrics", "/api/teacher/courses/math101/rubrics/{0}", "/api/teacher/assessments/{0}/rubric-statistics",
            // Prefixed, so an empty or dot id never collapses the path onto another route (GET /api/admin/courses/ would be a 405).
            "/api/admin/courses/x{0}", "/api/teacher/courses/math101/modules/x{0}", "/api/teacher/courses/{0}/modules/w1"];
        var gen = Gen.Select(Gen.Int[0, templates.Length - 1], Gen.String[0, 300], (i, id) => (Template: templates[i], Id: id));

        await gen.SampleAsync(async sample =>
        {
            var token = sample.Template.Contains("admin", StringComparison.Ordinal) ? school.Admin
                : sample.Template.Contains("teacher", StringComparison.Ordinal) ? school.Teacher : school.Student1;
            var path = string.Format(System.Globalization.CultureInfo.InvariantCulture, sample.Template, Uri.EscapeDataString(sample.Id));
            var (status, _, _) = await school.Client.GetAsync(path, token);
            Assert.True((int)status < 500, $"{path} answered {(int)status}");
            Assert.True(status is HttpStatusCode.NotFound or HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{path} answered {(int)status}");
        }, iter: 200, threads: 1);
    }

    [Fact]
    public async Task AnyPagingQuery_OnEveryList_IsNeverA5xx_OnlyOkOr422()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        string[] templates = ["/api/teacher/courses?limit={0}", "/api/teacher/courses?next={0}", "/api/student/courses?next={0}&limit={0}",
            "/api/teacher/courses/math101/assessments?next={0}", "/api/student/courses/math101/assessments?limit={0}",
            "/api/teacher/assessments/quiz1/submissions?status={0}", "/api/teacher/assessments/quiz1/submissions?next={0}", "/api/student/submissions?next={0}",
            "/api/admin/users?role={0}", "/api/admin/users?q={0}&limit={0}", "/api/admin/courses?next={0}", "/api/admin/courses/math101/enrollments?section={0}&role={0}",
            "/api/teacher/courses/math101/enrollments?next={0}", "/api/admin/audit?studentId={0}", "/api/admin/audit?actorId={0}&from={0}", "/api/admin/audit?to={0}&next={0}",
            "/api/content/tagging-jobs?status={0}", "/api/content/simulations?next={0}", "/api/admin/simulations?limit={0}&status={0}",
            "/api/teacher/courses/math101/rubrics?limit={0}", "/api/teacher/courses/math101/rubrics?next={0}"];
        var gen = Gen.Select(Gen.Int[0, templates.Length - 1], Gen.String[0, 300], (i, value) => (Template: templates[i], Value: value));

        await gen.SampleAsync(async sample =>
        {
            var token = sample.Template.Contains("teacher", StringComparison.Ordinal) ? school.Teacher
                : sample.Template.Contains("admin", StringComparison.Ordinal) ? school.Admin
                : sample.Template.Contains("content", StringComparison.Ordinal) ? school.Factory.Token(school.Tenant, "author1", "content-author") : school.Student1;
            var path = string.Format(System.Globalization.CultureInfo.InvariantCulture, sample.Template, Uri.EscapeDataString(sample.Value));
            var (status, _, _) = await school.Client.GetAsync(path, token);
            Assert.True(status is HttpStatusCode.OK or HttpStatusCode.UnprocessableEntity, $"{path} answered {(int)status}");
        }, iter: 200, threads: 1);
    }
}
