using System.Net;
using System.Text.RegularExpressions;
using EdTech.Application.Content.Tagging;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Bff.Security;
using EdTech.Bff.Tests.Infrastructure;
using EdTech.Domain.Tenancy;
using Microsoft.Extensions.DependencyInjection;

namespace EdTech.Bff.Tests.Security.Matrix;

/// <summary>
/// Set up once per matrix, through the public API: a home school (School helper) plus a student's
/// submission and two users enrolled nowhere; a foreign school with the same user ids and nothing else.
/// </summary>
public sealed partial class MatrixWorld : IAsyncLifetime
{
    /// <summary>
    /// With a scripted chat model, so the GenAI rows answer their success status, and room for every allowed caller's simulation
    /// (the quota of running simulations has its own test).
    /// </summary>
    public ApiFactory Factory { get; } = new()
    {
        ChatClient = new Content.ScriptedChatClient(_ => Content.ScriptedChatClient.Valid()),
        Settings = new Dictionary<string, string> { ["Simulation:MaxRunningPerTenant"] = "100" },
    };

    public HttpClient Client { get; private set; } = null!;

    public School Home { get; private set; } = null!;

    public string ForeignTenant { get; } = "matrix-b-" + Guid.NewGuid().ToString("n")[..6];

    public string SubmissionId { get; private set; } = "";

    /// <summary>A taxonomy skill only the home tenant has.</summary>
    public const string MatrixSkill = "matrix-skill";

    /// <summary>A content-tagging job of the home tenant.</summary>
    public string TaggingJobId { get; private set; } = "";

    /// <summary>A curriculum simulation of the home tenant.</summary>
    public string SimulationId { get; private set; } = "";

    /// <summary>s1's running attempt of the home quiz (the attempt and draft rows' {attemptId}).</summary>
    public string AttemptId { get; private set; } = "";

    /// <summary>Students the privacy rows act on: one only ever exported, one only ever erased, so their cases never interfere.</summary>
    public string ExportedUser => "x-export";

    public string ErasedUser => "x-erase";

    /// <summary>A tenant only the registry rows act on (suspend, patch), so the schools the other cases use stay active.</summary>
    public string TargetTenant { get; } = "matrix-t-" + Guid.NewGuid().ToString("n")[..6];

    public async Task InitializeAsync()
    {
        Client = Factory.CreateClient();
        Home = await School.CreateAsync(Factory, Client);
        await Expect(Client.PostAsync("/api/platform/tenants", Factory.Token(TenantId.PlatformValue, "root", Roles.PlatformAdmin), new { id = ForeignTenant, name = "Other", timeZone = "UTC" }));
        await Expect(Client.PostAsync("/api/platform/tenants", Factory.Token(TenantId.PlatformValue, "root", Roles.PlatformAdmin), new { id = TargetTenant, name = "Target", timeZone = "UTC" }));
        foreach (var (id, role) in new[] { ("t1", Roles.Teacher), ("s1", Roles.Student), ("s2", Roles.Student) })
        {
            await CreateUserAsync(ForeignTenant, id, role);
        }

        await CreateUserAsync(Home.Tenant, "s9", Roles.Student);
        await CreateUserAsync(Home.Tenant, "t9", Roles.Teacher);
        await CreateUserAsync(Home.Tenant, ExportedUser, Roles.Student);
        await CreateUserAsync(Home.Tenant, ErasedUser, Roles.Student);
        SubmissionId = await Home.SubmitAsync(Home.Student1);
        await Home.WaitForStatusAsync(Home.Student1, SubmissionId);
        var (started, attempt, _) = await Client.PostAsync($"/api/student/assessments/{Home.Quiz}/attempts", Home.Student1, new { });
        Assert.True(started == HttpStatusCode.Created, $"Starting the matrix attempt failed: {started} {attempt}");
        AttemptId = attempt.GetProperty("attemptId").GetString()!;
        var (status, job, _) = await Client.PostAsync("/api/content/tagging-jobs", Factory.Token(Home.Tenant, "c1", Roles.ContentAuthor), new { courseId = Home.Course });
        Assert.True(status == HttpStatusCode.Accepted, $"Starting the matrix tagging job failed: {status} {job}");
        TaggingJobId = job.GetProperty("jobId").GetString()!;
        var (posted, simulation, _) = await Client.PostAsync("/api/content/simulations", Factory.Token(Home.Tenant, "c1", Roles.ContentAuthor), new { courseId = Home.Course, students = 100, change = new { } });
        Assert.True(posted == HttpStatusCode.Accepted, $"Starting the matrix simulation failed: {posted} {simulation}");
        SimulationId = simulation.GetProperty("id").GetString()!;
        var (put, skill, _) = await Client.SendAsync(HttpMethod.Put, $"/api/content/taxonomy/skills/{MatrixSkill}", Factory.Token(Home.Tenant, "c1", Roles.ContentAuthor), new { name = "Matrix skill", description = "Only the home tenant has it." });
        Assert.True(put == HttpStatusCode.Created, $"Creating the matrix taxonomy skill failed: {put} {skill}");
        var (rubric, rubricBody, _) = await Client.PostAsync($"/api/teacher/courses/{Home.Course}/rubrics", Home.Teacher, Rubrics.RubricWorld.RubricBody(MatrixRubric));
        Assert.True(rubric == HttpStatusCode.Created, $"Creating the matrix rubric failed: {rubric} {rubricBody}");
    }

    /// <summary>The home course's rubric the rubric rows read and edit.</summary>
    public const string MatrixRubric = "matrix-rubric";

    /// <summary>The current ETag of <see cref="MatrixRubric"/> (for If-Match on an edit).</summary>
    public async Task<string> RubricETagAsync()
    {
        var (status, body, response) = await Client.GetAsync($"/api/teacher/courses/{Home.Course}/rubrics/{MatrixRubric}", Home.Teacher);
        Assert.True(status == HttpStatusCode.OK, $"Reading the rubric's ETag failed: {status} {body}");
        return response.Headers.ETag!.ToString();
    }

    /// <summary>Makes the home quiz's q1 suggestion pending (suggesting its own skill, so accepting it changes nothing else).</summary>
    public async Task PendingSuggestionAsync()
    {
        var store = Factory.Services.GetRequiredService<IDocumentStore>();
        var tenant = new TenantId(Home.Tenant);
        var quiz = (await store.GetAsync<AssessmentRecord>(tenant, Home.Quiz))!.Value;
        var item = quiz.Assessment.Items.Single(i => i.Id == "q1");
        var suggestion = new SkillSuggestion([new SkillConfidence("arithmetic", 0.9)], 1, "remember", "Matrix suggestion.", new TaggerInfo("offline", "matrix"));
        var record = new ItemSuggestionRecord(ItemSuggestionRecord.IdOf(quiz.Id, item.Id), quiz.CourseId, quiz.Id, item.Id, SuggestionStatus.Pending,
            ItemContentHash.Of(item), quiz.Version, new TagSuggestion(item.Id, quiz.Id, ["arithmetic"], "easy", "Matrix suggestion.", null, suggestion), "matrix", DateTimeOffset.UtcNow);
        await store.ReplaceAsync(tenant, record, ifMatch: null);
    }

    /// <summary>The current ETag of <see cref="SubmissionId"/>, as its teacher reads it (for If-Match).</summary>
    public async Task<string> SubmissionETagAsync()
    {
        var (status, body, response) = await Client.GetAsync($"/api/teacher/submissions/{SubmissionId}", Home.Teacher);
        Assert.True(status == HttpStatusCode.OK, $"Reading the submission's ETag failed: {status} {body}");
        return response.Headers.ETag!.ToString();
    }

    /// <summary>The module the single-module rows read and delete (the PUT row creates its own, so its 201 never depends on these).</summary>
    public const string LifecycleModule = "matrix-lifecycle";

    /// <summary>Puts <see cref="LifecycleModule"/> (again) as the home teacher; no extra headers.</summary>
    public async Task<IReadOnlyDictionary<string, string>> LifecycleModuleAsync()
    {
        var (status, body, _) = await Client.SendAsync(HttpMethod.Put, $"/api/teacher/courses/{Home.Course}/modules/{LifecycleModule}", Home.Teacher,
            new { title = "Lifecycle", position = 2, items = Array.Empty<object>() });
        Assert.True(status is HttpStatusCode.OK or HttpStatusCode.Created, $"Putting the matrix module failed: {status} {body}");
        return new Dictionary<string, string>();
    }

    /// <summary>The current ETag of the home quiz, as its teacher reads it (for If-Match on an edit).</summary>
    public async Task<string> AssessmentETagAsync()
    {
        var (status, body, response) = await Client.GetAsync($"/api/teacher/courses/{Home.Course}/assessments/{Home.Quiz}", Home.Teacher);
        Assert.True(status == HttpStatusCode.OK, $"Reading the assessment's ETag failed: {status} {body}");
        return response.Headers.ETag!.ToString();
    }

    public Task DisposeAsync()
    {
        Client.Dispose();
        Factory.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>A fresh user of the home tenant (for bodies that need one, e.g. an enrollment).</summary>
    public async Task<string> NewUserAsync()
    {
        var id = MatrixSamples.Unique("u");
        await CreateUserAsync(Home.Tenant, id, Roles.Student);
        return id;
    }

    /// <summary>The row's route with the home tenant's ids filled in.</summary>
    public string PathFor(AccessRule row) => RouteParameter().Replace(row.Pattern, m => m.Groups[1].Value switch
    {
        "courseId" => Home.Course,
        "assessmentId" => Home.Quiz,
        "submissionId" => SubmissionId,
        "itemId" => "q1",
        "documentName" => "student",
        // Accommodations are a student's in the course: the home course's s1.
        "userId" when row.Pattern.Contains("/accommodations/", StringComparison.Ordinal) => "s1",
        "userId" when row.Method == "DELETE" => UserToRemove,
        "userId" => row.Method == "POST" ? ErasedUser : ExportedUser,
        "id" => TargetTenant,
        "moduleId" => row.Method is "GET" or "DELETE" ? LifecycleModule : "matrix-module",
        "jobId" => TaggingJobId,
        "simulationId" => SimulationId,
        "rubricId" => MatrixRubric,
        "attemptId" => AttemptId,
        // A PUT creates a fresh skill each time (in the caller's own tenant), so it never makes the GET rows' skill appear elsewhere.
        "skillId" => row.Method == "PUT" ? MatrixSamples.Unique("skill") : MatrixSkill,
        var other => "unknown-" + other,
    }) + (MatrixSamples.Find(row)?.Query?.Invoke(this) ?? string.Empty);

    /// <summary>The caller's token for a matrix role ("none" = no token) in a situation.</summary>
    public string? TokenFor(string role, Situation situation)
    {
        var tenant = situation == Situation.ForeignTenant ? ForeignTenant : Home.Tenant;
        return role switch
        {
            MatrixCases.NoToken => null,
            Roles.PlatformAdmin => Factory.Token(situation == Situation.ForeignTenant ? ForeignTenant : TenantId.PlatformValue, "root", role),
            Roles.Student => Factory.Token(tenant, situation switch { Situation.Classmate => "s2", Situation.NotEnrolled => "s9", _ => "s1" }, role),
            Roles.Teacher => Factory.Token(tenant, situation == Situation.NotEnrolled ? "t9" : "t1", role),
            Roles.TenantAdmin => Factory.Token(tenant, "admin1", role),
            _ => Factory.Token(tenant, "c1", role),
        };
    }

    private Task CreateUserAsync(string tenant, string id, string role) =>
        Expect(Client.PostAsync("/api/admin/users", Factory.Token(tenant, "admin1", Roles.TenantAdmin), new { id, displayName = id, email = $"{id}@school.example", roles = new[] { role } }));

    private static async Task Expect(Task<(HttpStatusCode Status, System.Text.Json.JsonElement Body, HttpResponseMessage Response)> call)
    {
        var (status, body, _) = await call;
        Assert.True(status == HttpStatusCode.Created, $"Set-up call failed: {status} {body}");
    }

    [GeneratedRegex(@"\{(\w+)\}")]
    private static partial Regex RouteParameter();
}
