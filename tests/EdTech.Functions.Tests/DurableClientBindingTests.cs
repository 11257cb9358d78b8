using System.Security.Claims;
using System.Text;
using EdTech.Application.Assessments;
using EdTech.Application.ChangeFeed;
using EdTech.Application.Content.Simulations;
using EdTech.Application.Common;
using EdTech.Application.Content.Suggestions;
using EdTech.Application.Content.Tagging;
using EdTech.Application.Content.Tagging.AutoTagging;
using EdTech.Application.Courses;
using EdTech.Application.Grading;
using EdTech.Application.Grading.Regrade;
using EdTech.Application.Grading.Release;
using EdTech.Application.Learning.Calibration;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Application.Tenants;
using EdTech.Application.Users;
using EdTech.Bff.Security.Identity;
using EdTech.Domain.Assessments;
using EdTech.Domain.Submissions;
using EdTech.Domain.Tenancy;
using EdTech.Orchestrations.Grading;
using EdTech.Orchestrations.Hosting;
using EdTech.Orchestrations.Release;
using EdTech.Orchestrations.Tagging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace EdTech.Functions.Tests;

/// <summary>
/// The isolated worker has no DurableTaskClient in DI, only the [DurableClient] binding value: the role functions,
/// timers and change-feed triggers bind it for their invocation, so the shared workflows start orchestrations on it.
/// Commands answered 202 only record their request; the change-feed trigger that starts the workflow binds its own client.
/// </summary>
public sealed class DurableClientBindingTests
{
    private const string Issuer = "https://test-issuer.edtech.example";
    private const string Audience = "api://edtech-api";
    private static readonly SymmetricSecurityKey Key = new(Encoding.UTF8.GetBytes("functions-durable-client-binding-test-key-0123456789")) { KeyId = "test" };

    [Fact]
    public async Task TeacherFunction_ReleaseNow_RecordsTheReleaseBeforeAnswering_AndTheChangeFeedTriggerStartsItOnItsOwnBindingClient()
    {
        // A static-key issuer added for the test only, so a teacher token passes the real pipeline's authentication.
        using var host = new FunctionsHostFixture(s => s.AddSingleton(TrustedIssuer.WithStaticKey(Issuer, Audience, Key)));
        var tenant = new TenantId("fn-release");
        await SeedCourseWithAssessmentAsync(host.Host.Services, tenant);
        await SeedGradedAsync(host.Host.Services, tenant);
        var request = new RecordingDurableTaskClient();

        var response = await host.InvokeAsync((f, req) => f.Teacher(req, request), "POST", "/api/teacher/assessments/quiz1/release", TokenFor(tenant, "t1", Roles.Teacher));

        // The request only records (the release record and ReleasedAt, durable before the 202); it never waits on the engine.
        Assert.Equal(202, response.StatusCode);
        Assert.Empty(request.Scheduled);
        var store = host.Host.Services.GetRequiredService<IDocumentStore>();
        Assert.NotNull(await store.GetAsync<AssessmentReleaseRecord>(tenant, "quiz1"));
        var trigger = new RecordingDurableTaskClient();
        await StartReleaseAsOnTheTriggerAsync(host.Host.Services, tenant, trigger);
        var scheduled = Assert.Single(trigger.Scheduled);
        Assert.Equal(nameof(ReleaseResultsOrchestrator), scheduled.Name.Name);
        Assert.StartsWith($"{tenant}:release:quiz1:", scheduled.InstanceId, StringComparison.Ordinal);
        Assert.Equal("quiz1", Assert.IsType<ReleaseResultsInput>(scheduled.Input).AssessmentId);
    }

    [Fact]
    public async Task ChangeFeedTrigger_TwoConcurrentInvocations_EachUseTheirOwnBindingClient()
    {
        using var host = new FunctionsHostFixture();
        var first = new TenantId("fn-release-a");
        var second = new TenantId("fn-release-b");
        var releaser = host.Host.Services.GetRequiredService<ResultsReleaser>();
        foreach (var tenant in new[] { first, second })
        {
            await SeedCourseWithAssessmentAsync(host.Host.Services, tenant);
            await SeedGradedAsync(host.Host.Services, tenant);
            await releaser.MarkReleasedAsync(tenant, "quiz1", CancellationToken.None);
        }

        var clientA = new RecordingDurableTaskClient();
        var clientB = new RecordingDurableTaskClient();

        await Task.WhenAll(
            Task.Run(() => StartReleaseAsOnTheTriggerAsync(host.Host.Services, first, clientA)),
            Task.Run(() => StartReleaseAsOnTheTriggerAsync(host.Host.Services, second, clientB)));

        Assert.StartsWith($"{first}:", Assert.Single(clientA.Scheduled).InstanceId, StringComparison.Ordinal);
        Assert.StartsWith($"{second}:", Assert.Single(clientB.Scheduled).InstanceId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryDurableWorkflow_ResolvesFromARequestScope_AndUsesTheBoundClient()
    {
        using var host = new FunctionsHostFixture();
        await using var scope = host.Host.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var tenant = new TenantId("fn-scope");
        var binding = new RecordingDurableTaskClient();

        var grading = services.GetRequiredService<IGradingWorkflow>();
        var release = services.GetRequiredService<IReleaseWorkflow>();
        var regrade = services.GetRequiredService<IRegradeWorkflow>();
        var calibration = services.GetRequiredService<ICalibrationWorkflow>();
        var tagging = services.GetRequiredService<ITaggingWorkflow>();
        var autoTagging = services.GetRequiredService<IAutoTaggingWorkflow>();
        var simulation = services.GetRequiredService<ISimulationWorkflow>();
        using (services.GetRequiredService<InvocationDurableClientSource>().Bind(binding))
        {
            await grading.StartAsync(tenant, "s1", CancellationToken.None);
            await grading.StartBatchAsync(tenant, ["s3", "s2"], CancellationToken.None);
            await release.StartAsync(tenant, "a1", 0, CancellationToken.None);
            await regrade.StartAsync(tenant, "a1", 2, CancellationToken.None);
            await calibration.StartAsync(tenant, "c1", new DateOnly(2026, 11, 26), CancellationToken.None);
            await tagging.StartAsync(tenant, new TaggingJobRecord("j1", TaggingJobStatus.Running, null, 2500, 1000, 5, "author-1", DateTimeOffset.UnixEpoch, PagesDone: 1, ItemsDone: 1000, ItemsFailed: 2), CancellationToken.None);
            await autoTagging.StartAsync(new AutoTagRequest(tenant, "a1", "change1", [new ItemContent("q1", "hash")], TimeSpan.Zero), CancellationToken.None);
            await simulation.StartAsync(tenant, "sim1", CancellationToken.None);
        }

        Assert.Equal(8, binding.Scheduled.Count);
        Assert.Equal(["s2", "s3"], binding.Scheduled.Select(s => s.Input).OfType<GradeBatchInput>().Single().SubmissionIds);
        Assert.All(binding.Scheduled, s => Assert.StartsWith($"{tenant}:", s.InstanceId, StringComparison.Ordinal));
        // The tagging run gets counts, never items: it resumes at the job's first unfolded page, with the configured cap.
        Assert.Equal(new TaggingJobInput(tenant, "j1", 2500, 1000, 5, TaggingJobSettings.Default.MaxConcurrentChunks, Page: 1, Done: 1000, Failed: 2),
            binding.Scheduled.Select(s => s.Input).OfType<TaggingJobInput>().Single());
    }

    [Fact]
    public async Task DurableWorkflow_WithoutABoundClient_ThrowsNamingTheBinding()
    {
        using var host = new FunctionsHostFixture();
        await using var scope = host.Host.Services.CreateAsyncScope();
        var release = scope.ServiceProvider.GetRequiredService<IReleaseWorkflow>();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => release.StartAsync(new TenantId("fn-none"), "a1", 0, CancellationToken.None));

        Assert.Contains("[DurableClient]", error.Message, StringComparison.Ordinal);
    }

    private static async Task SeedCourseWithAssessmentAsync(IServiceProvider services, TenantId tenant)
    {
        var admin = new Caller(tenant, "admin", new HashSet<string>(StringComparer.Ordinal) { Roles.TenantAdmin });
        var teacher = new Caller(tenant, "t1", new HashSet<string>(StringComparer.Ordinal) { Roles.Teacher });
        Ok(await services.GetRequiredService<CreateTenantHandler>().HandleAsync(new CreateTenantCommand(tenant.Value, "Binding School", "Europe/London"), CancellationToken.None));
        Ok(await services.GetRequiredService<CreateUserHandler>().HandleAsync(admin, new CreateUserCommand("t1", "Teacher One", "t1@school.example", [Roles.Teacher]), CancellationToken.None));
        Ok(await services.GetRequiredService<CreateCourseHandler>().HandleAsync(admin, new CreateCourseCommand("c1", "Course"), CancellationToken.None));
        Ok(await services.GetRequiredService<EnrollUserHandler>().HandleAsync(admin, new EnrollUserCommand("c1", "t1", Roles.Teacher), CancellationToken.None));
        var quiz = new CreateAssessmentCommand("quiz1", "Quiz", DateTimeOffset.UtcNow.AddDays(1), 0, 1, null, new ReleaseInput("manual", null),
            [new ItemInput("e1", ItemType.Essay, "Why?", null, null, null, 5, ["writing"])]) { CourseId = "c1" };
        Ok(await services.GetRequiredService<CreateAssessmentHandler>().HandleAsync(teacher, quiz, CancellationToken.None));
    }

    private static async Task SeedGradedAsync(IServiceProvider services, TenantId tenant)
    {
        var graded = new SubmissionRecord("s-graded", "quiz1", 1, "c1", "student-1", [], DateTimeOffset.UtcNow, false, SubmissionStatus.Graded, 5m, Score: 5m, RawScore: 5m);
        Assert.Equal(WriteStatus.Created, (await services.GetRequiredService<IDocumentStore>().CreateAsync(tenant, graded)).Status);
    }

    /// <summary>What the Azure StartReleaseOnAssessments trigger does with the assessment's change: binds its own client, runs the handler.</summary>
    private static async Task StartReleaseAsOnTheTriggerAsync(IServiceProvider services, TenantId tenant, RecordingDurableTaskClient client)
    {
        var store = services.GetRequiredService<IDocumentStore>();
        var change = (await store.GetAsync(tenant, Containers.Assessments, "quiz1"))!;
        var handler = services.GetServices<IChangeFeedHandler>().Single(h => h.Name == ChangeFeedCatalog.StartRelease.Name);
        using (services.GetRequiredService<InvocationDurableClientSource>().Bind(client))
        {
            await handler.HandleAsync([change], CancellationToken.None);
        }
    }

    private static void Ok<T>(Outcome<T> outcome) => Assert.True(outcome.IsSuccess, $"Seeding failed: {string.Join("; ", outcome.Problem?.Errors?.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}") ?? [])}");

    private static string TokenFor(TenantId tenant, string user, string role) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = Issuer,
        Audience = Audience,
        Subject = new ClaimsIdentity([new Claim("sub", user), new Claim("tenant", tenant.Value), new Claim("roles", role)]),
        Expires = DateTime.UtcNow.AddMinutes(10),
        SigningCredentials = new SigningCredentials(Key, SecurityAlgorithms.HmacSha256),
    });
}
