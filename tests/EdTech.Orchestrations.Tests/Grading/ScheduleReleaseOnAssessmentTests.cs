using EdTech.Application.Grading;
using EdTech.Application.Grading.Release;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Assessments;
using EdTech.Domain.Tenancy;

namespace EdTech.Orchestrations.Tests.Grading;

public sealed class ScheduleReleaseOnAssessmentTests
{
    private static readonly TenantId Tenant = new("school-1");
    private static readonly DateTimeOffset Deadline = new(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task AfterDue_SchedulesAtTheDeadline()
    {
        var timer = new RecordingTimer();

        await new ScheduleReleaseOnAssessment(timer).HandleAsync([Change("a1", new ReleasePolicy(ReleasePolicy.AfterDue, null), 1)], CancellationToken.None);

        Assert.Equal([(Tenant, "a1", Deadline)], timer.Scheduled);
    }

    [Fact]
    public async Task Scheduled_SchedulesAtItsTime_LatestChangeOfTheBatchWins()
    {
        var timer = new RecordingTimer();
        var first = Deadline.AddDays(1);
        var second = Deadline.AddDays(2);

        await new ScheduleReleaseOnAssessment(timer).HandleAsync(
            [Change("a1", new ReleasePolicy(ReleasePolicy.Scheduled, first), 1), Change("a1", new ReleasePolicy(ReleasePolicy.Scheduled, second), 2)],
            CancellationToken.None);

        Assert.Equal([(Tenant, "a1", second)], timer.Scheduled);
    }

    [Theory]
    [InlineData(ReleasePolicy.Immediate)]
    [InlineData(ReleasePolicy.Manual)]
    public async Task ImmediateOrManual_NoTimer(string mode)
    {
        var timer = new RecordingTimer();

        await new ScheduleReleaseOnAssessment(timer).HandleAsync([Change("a1", new ReleasePolicy(mode, null), 1)], CancellationToken.None);

        Assert.Empty(timer.Scheduled);
    }

    [Fact]
    public async Task AlreadyReleased_NoTimer()
    {
        var timer = new RecordingTimer();

        await new ScheduleReleaseOnAssessment(timer).HandleAsync([Change("a1", new ReleasePolicy(ReleasePolicy.AfterDue, null), 1, released: true)], CancellationToken.None);

        Assert.Empty(timer.Scheduled);
    }

    private static StoredDocument Change(string id, ReleasePolicy release, long sequence, bool released = false)
    {
        var assessment = new Assessment(id, "c1", "Quiz", Deadline, 0, null, null, release, []);
        var record = new AssessmentRecord(id, "c1", 1, assessment, "teacher-1", Deadline.AddDays(-7), released ? Deadline : null);
        return new StoredDocument(Tenant, Containers.Assessments, id, "c1", TypedDocumentStore.Serialize(record), $"\"{sequence}\"", sequence, Deadline);
    }

    private sealed class RecordingTimer : IReleaseTimer
    {
        public List<(TenantId, string, DateTimeOffset)> Scheduled { get; } = [];

        public Task ScheduleAsync(TenantId tenant, string assessmentId, DateTimeOffset releaseAt, CancellationToken cancellationToken)
        {
            Scheduled.Add((tenant, assessmentId, releaseAt));
            return Task.CompletedTask;
        }
    }
}
