using EdTech.Application.Grading;
using EdTech.Application.Grading.Review;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Assessments;
using EdTech.Domain.Submissions;
using EdTech.Domain.Tenancy;
using EdTech.Orchestrations.Grading;
using EdTech.Orchestrations.Hosting;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdTech.Orchestrations.Tests.Grading;

/// <summary>GradeSubmission's wait for human review: the ReviewCompleted event racing the reminder timer, in the real in-process engine.</summary>
public sealed class ReviewWaitTests(GradingHostFixture host) : IClassFixture<GradingHostFixture>
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
    private static readonly ReleasePolicy Immediate = new(ReleasePolicy.Immediate, null);

    [Fact]
    public async Task EssaySubmission_WaitsForReview_ThenReviewCompletedEvent_RunsReleaseIfDue()
    {
        var id = await SeedEssayAsync("rw-event");
        var instance = await StartAsync(id, TimeSpan.FromHours(1));
        await WaitForSubmissionStatusAsync(id, SubmissionStatus.AwaitingReview);
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await host.Client.GetInstanceAsync(instance))!.RuntimeStatus);

        await TeacherGradesAsync(id);
        await Workflow().NotifyReviewedAsync(GradingHostFixture.Tenant, id, CancellationToken.None);

        var run = await WaitAsync(instance);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, run.RuntimeStatus);
        Assert.Equal(SubmissionStatus.Released, run.ReadOutputAs<GradingResult>()!.Status);
        Assert.Equal(SubmissionStatus.Released, (await host.GetSubmissionAsync(id))!.Value.Status);
        Assert.Empty(await NotificationsAsync(NotificationKinds.ReviewReminder, id));
    }

    [Fact]
    public async Task ReviewCompletedEvent_RaisedRightAfterStart_BeforeTheWait_IsNotLost()
    {
        var id = await SeedEssayAsync("rw-early");
        var instance = await StartAsync(id, TimeSpan.FromHours(1));
        // Raised at once: the engine buffers it until the orchestration reaches its wait.
        await host.Client.RaiseEventAsync(instance, ReviewCompletedEvent.Name, new ReviewCompletedEvent(GradingHostFixture.Tenant, id));

        var run = await WaitAsync(instance);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, run.RuntimeStatus);
        // Nobody scored the essay, so release-if-due leaves it awaiting review; what matters is that the wait ended.
        Assert.Equal(SubmissionStatus.AwaitingReview, run.ReadOutputAs<GradingResult>()!.Status);
    }

    [Fact]
    public async Task NoReview_EachTimeoutRemindsTeachers_AfterNRemindersEscalatesToAdmins_AndKeepsWaiting()
    {
        var id = await SeedEssayAsync("rw-remind");
        await host.Store.CreateAsync(GradingHostFixture.Tenant, new EnrollmentRecord(EnrollmentRecord.IdFor(GradingHostFixture.CourseId, "teacher-9"), GradingHostFixture.CourseId, "teacher-9", Roles.Teacher, Now));
        await host.Store.CreateAsync(GradingHostFixture.Tenant, new UserRecord("admin-9", "Admin", "a@x.example", [Roles.TenantAdmin], Now));
        var instance = await StartAsync(id, TimeSpan.FromMilliseconds(500), remindersBeforeEscalation: 1);

        var escalation = await PollAsync(async () => (await NotificationsAsync(NotificationKinds.ReviewEscalation, id)).SingleOrDefault());

        Assert.Equal("admin-9", escalation.RecipientId);
        Assert.Equal("2", escalation.Data["reminder"]);
        var reminders = await NotificationsAsync(NotificationKinds.ReviewReminder, id);
        Assert.Contains(reminders, r => r.RecipientId == "teacher-9" && r.Data["reminder"] == "1");
        Assert.Contains(reminders, r => r.RecipientId == "teacher-9" && r.Data["reminder"] == "2");
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await host.Client.GetInstanceAsync(instance))!.RuntimeStatus);

        await TeacherGradesAsync(id);
        await Workflow().NotifyReviewedAsync(GradingHostFixture.Tenant, id, CancellationToken.None);
        Assert.Equal(SubmissionStatus.Released, (await WaitAsync(instance)).ReadOutputAs<GradingResult>()!.Status);
    }

    [Fact]
    public async Task ReviewEventNeverRaised_NextTimeoutFindsItGraded_AndReleasesWithoutReminding()
    {
        var id = await SeedEssayAsync("rw-lost");
        await host.Store.CreateAsync(GradingHostFixture.Tenant, new EnrollmentRecord(EnrollmentRecord.IdFor(GradingHostFixture.CourseId, "teacher-8"), GradingHostFixture.CourseId, "teacher-8", Roles.Teacher, Now));
        var instance = await StartAsync(id, TimeSpan.FromSeconds(2));
        await WaitForSubmissionStatusAsync(id, SubmissionStatus.AwaitingReview);

        await TeacherGradesAsync(id);
        var run = await WaitAsync(instance);

        Assert.Equal(SubmissionStatus.Released, run.ReadOutputAs<GradingResult>()!.Status);
        Assert.Empty(await NotificationsAsync(NotificationKinds.ReviewReminder, id));
    }

    [Fact]
    public async Task NotifyReviewed_NoSuchInstance_DoesNothingAndDoesNotThrow()
    {
        await Workflow().NotifyReviewedAsync(GradingHostFixture.Tenant, "never-started", CancellationToken.None);

        Assert.Null(await host.Client.GetInstanceAsync(GradeSubmissionInput.InstanceIdFor(GradingHostFixture.Tenant, "never-started")));
    }

    private DurableGradingWorkflow Workflow() => new(new RegisteredDurableClientSource(host.Client), ReviewReminderSettings.Default, NullLogger<DurableGradingWorkflow>.Instance);

    private async Task<string> SeedEssayAsync(string id)
    {
        var assessment = await host.SeedAssessmentAsync("a-" + id, Immediate, Now.AddDays(1), withEssay: true);
        await host.SeedSubmissionAsync(id, assessment, Now);
        return id;
    }

    private async Task<string> StartAsync(string submissionId, TimeSpan reminderAfter, int remindersBeforeEscalation = 2)
    {
        var input = new GradeSubmissionInput(GradingHostFixture.Tenant, submissionId, reminderAfter, remindersBeforeEscalation);
        return await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(GradeSubmissionOrchestrator), input, new StartOrchestrationOptions(input.InstanceId));
    }

    private async Task<OrchestrationMetadata> WaitAsync(string instanceId)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await host.Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, cts.Token);
    }

    /// <summary>What the teacher-grading path writes once every manual item has a score.</summary>
    private async Task TeacherGradesAsync(string id)
    {
        var stored = (await host.GetSubmissionAsync(id))!;
        var scores = stored.Value.ItemScores!.Select(s => s.Score is null ? s with { Score = 4m } : s).ToList();
        var graded = stored.Value with { ItemScores = scores, RawScore = 11m, Score = 11m, Status = SubmissionStatus.Graded, GradedAt = DateTimeOffset.UtcNow };
        Written.Ensure(await host.Store.ReplaceAsync(GradingHostFixture.Tenant, graded, stored.ETag));
    }

    private async Task WaitForSubmissionStatusAsync(string id, SubmissionStatus status) =>
        await PollAsync(async () => (await host.GetSubmissionAsync(id))?.Value is { } s && s.Status == status ? s : null);

    private async Task<IReadOnlyList<NotificationRecord>> NotificationsAsync(string kind, string submissionId)
    {
        // Notifications are not queried by kind in production (QueriedFields), so the test filters the whole set itself.
        var all = await host.Store.QueryAsync<NotificationRecord>(GradingHostFixture.Tenant, DocumentQuery.All);
        return all.Select(n => n.Value).Where(n => n.Kind == kind && n.Data["submissionId"] == submissionId).ToList();
    }

    private static async Task<T> PollAsync<T>(Func<Task<T?>> probe)
        where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (await probe() is { } found)
            {
                return found;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("Condition not reached in 30 s.");
    }
}
