using EdTech.Application.Grading;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Assessments;
using EdTech.Domain.Submissions;
using EdTech.Domain.Tenancy;
using EdTech.Infrastructure.Storage.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace EdTech.Orchestrations.Tests.Grading;

public sealed class DueResultsReleaserTests : IAsyncLifetime
{
    private static readonly TenantId North = new("north");
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "edt-due-" + Guid.NewGuid().ToString("N")[..12]);
    private SqliteDocumentStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = SqliteDocumentStore.Open(new SqliteStoreOptions(Path.Combine(_dataDirectory, "edtech.db")));
        await _store.CreateAsync(TenantId.Platform, new TenantRecord(North.Value, "North", "UTC", TenantStatus.Active, Now));
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    [Fact]
    public async Task ReleaseDue_StartsOnlyAssessmentsPastTheirReleaseTime_WithGradedWork()
    {
        // Deadline = dueAt + 60 s grace.
        await AddAsync("after-due-passed", new(ReleasePolicy.AfterDue, null), Now.AddSeconds(-61), SubmissionStatus.Graded);
        await AddAsync("after-due-in-grace", new(ReleasePolicy.AfterDue, null), Now.AddSeconds(-59), SubmissionStatus.Graded);
        await AddAsync("scheduled-passed", new(ReleasePolicy.Scheduled, Now.AddMinutes(-1)), Now.AddDays(1), SubmissionStatus.Graded);
        await AddAsync("scheduled-future", new(ReleasePolicy.Scheduled, Now.AddMinutes(1)), Now.AddDays(-1), SubmissionStatus.Graded);
        await AddAsync("manual-unreleased", new(ReleasePolicy.Manual, null), Now.AddDays(-1), SubmissionStatus.Graded);
        await AddAsync("manual-released", new(ReleasePolicy.Manual, null), Now.AddDays(-1), SubmissionStatus.Graded, releasedAt: Now.AddHours(-1));
        await AddAsync("immediate", new(ReleasePolicy.Immediate, null), Now.AddDays(-1), SubmissionStatus.Graded);
        await AddAsync("after-due-all-released", new(ReleasePolicy.AfterDue, null), Now.AddDays(-1), SubmissionStatus.Released);
        var workflow = new Mock<IReleaseWorkflow>(MockBehavior.Strict);
        workflow.Setup(w => w.StartAsync(It.IsAny<TenantId>(), It.IsAny<string>(), It.IsAny<long>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        var releaser = new DueResultsReleaser(_store, workflow.Object, new FixedClock(Now), NullLogger<DueResultsReleaser>.Instance);

        Assert.Equal(3, await releaser.ReleaseDueAsync(CancellationToken.None));
        Assert.Equal(3, await releaser.ReleaseDueAsync(CancellationToken.None));

        // Same generation both times: the second run starts the same instances, i.e. nothing new.
        foreach (var id in new[] { "after-due-passed", "scheduled-passed", "manual-released" })
        {
            var generation = (await _store.GetAsync(North, Containers.Submissions, "s-" + id))!.Sequence;
            workflow.Verify(w => w.StartAsync(North, id, generation, It.IsAny<CancellationToken>()), Times.Exactly(2));
        }

        workflow.VerifyNoOtherCalls();
    }

    private async Task AddAsync(string id, ReleasePolicy release, DateTimeOffset dueAt, SubmissionStatus status, DateTimeOffset? releasedAt = null)
    {
        var assessment = new Assessment(id, "course-1", id, dueAt, 60, null, null, release,
            [new("q1", ItemType.SingleChoice, "?", ["a", "b"], AnswerValue.OfText("a"), null, 1, ["s"])]);
        await _store.CreateAsync(North, new AssessmentRecord(id, "course-1", 1, assessment, "t1", Now.AddDays(-7), releasedAt));
        await _store.CreateAsync(North, new SubmissionRecord("s-" + id, id, 1, "course-1", "student-1", [], Now.AddDays(-2), false, status, 1m, Score: 1m));
    }
}

internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
