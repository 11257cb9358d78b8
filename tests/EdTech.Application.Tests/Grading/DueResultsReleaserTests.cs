using EdTech.Application.Grading;
using EdTech.Application.Grading.Release;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Assessments;
using EdTech.Domain.Submissions;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Tests.Grading;

/// <summary>The timer side of release: the sweep over every tenant, and one assessment woken by its release timer.</summary>
public sealed class DueResultsReleaserTests : IAsyncLifetime
{
    private static readonly TenantId SchoolB = new("school-b");
    private readonly GradingWorld _world = new();

    public Task InitializeAsync() => _world.InitializeAsync();

    public Task DisposeAsync() => _world.DisposeAsync();

    [Fact]
    public async Task ReleaseDue_EveryTenant_StartsEachDueAssessmentWithGradedWorkOnce()
    {
        var now = GradingWorld.Now;
        await _world.AddTenantAsync(SchoolB.Value, "UTC");
        await AddAsync("after-due", GradingWorld.Policy(ReleasePolicy.AfterDue), [SubmissionStatus.Graded, SubmissionStatus.Graded]);
        await _world.AddAssessmentAsync(GradingWorld.Quiz("after-due-future", GradingWorld.Policy(ReleasePolicy.AfterDue), due: now.AddHours(1)));
        await _world.AddSubmissionAsync("s-after-due-future", "after-due-future", SubmissionStatus.Graded);
        await AddAsync("scheduled-passed", GradingWorld.Policy(ReleasePolicy.Scheduled, now.AddMinutes(-1)), [SubmissionStatus.Graded]);
        await AddAsync("scheduled-future", GradingWorld.Policy(ReleasePolicy.Scheduled, now.AddMinutes(1)), [SubmissionStatus.Graded]);
        await AddAsync("manual", GradingWorld.Policy(ReleasePolicy.Manual), [SubmissionStatus.Graded]);
        await AddAsync("manual-released", GradingWorld.Policy(ReleasePolicy.Manual), [SubmissionStatus.Graded], releasedAt: now.AddHours(-1));
        await AddAsync("immediate", GradingWorld.Policy(ReleasePolicy.Immediate), [SubmissionStatus.Graded]);
        await AddAsync("all-released", GradingWorld.Policy(ReleasePolicy.AfterDue), [SubmissionStatus.Released]);
        await _world.AddSubmissionAsync("s-gone", "gone", SubmissionStatus.Graded);
        await AddAsync("b-after-due", GradingWorld.Policy(ReleasePolicy.AfterDue), [SubmissionStatus.Graded], tenant: SchoolB);

        var started = await _world.DueReleaser().ReleaseDueAsync(default);

        Assert.Equal(4, started);
        Assert.Equal(
            [await Start("after-due", "s-after-due-1"), await Start("manual-released", "s-manual-released-0"), await Start("scheduled-passed", "s-scheduled-passed-0"),
                await Start("b-after-due", "s-b-after-due-0", SchoolB)],
            _world.Workflows.Releases.Order(StringComparer.Ordinal));
        _world.Logs.AssertLogged("Started 4 due result releases");
    }

    [Fact]
    public async Task ReleaseDue_StartsOnlyAssessmentsPastTheirReleaseTime_WithGradedWork()
    {
        var now = GradingWorld.Now;
        // Deadline = dueAt + 60 s grace.
        await AddWithGraceAsync("after-due-passed", GradingWorld.Policy(ReleasePolicy.AfterDue), now.AddSeconds(-61), SubmissionStatus.Graded);
        await AddWithGraceAsync("after-due-in-grace", GradingWorld.Policy(ReleasePolicy.AfterDue), now.AddSeconds(-59), SubmissionStatus.Graded);
        await AddWithGraceAsync("scheduled-passed", GradingWorld.Policy(ReleasePolicy.Scheduled, now.AddMinutes(-1)), now.AddDays(1), SubmissionStatus.Graded);
        await AddWithGraceAsync("scheduled-future", GradingWorld.Policy(ReleasePolicy.Scheduled, now.AddMinutes(1)), now.AddDays(-1), SubmissionStatus.Graded);
        await AddWithGraceAsync("manual-unreleased", GradingWorld.Policy(ReleasePolicy.Manual), now.AddDays(-1), SubmissionStatus.Graded);
        await AddWithGraceAsync("manual-released", GradingWorld.Policy(ReleasePolicy.Manual), now.AddDays(-1), SubmissionStatus.Graded, releasedAt: now.AddHours(-1));
        await AddWithGraceAsync("immediate", GradingWorld.Policy(ReleasePolicy.Immediate), now.AddDays(-1), SubmissionStatus.Graded);
        await AddWithGraceAsync("after-due-all-released", GradingWorld.Policy(ReleasePolicy.AfterDue), now.AddDays(-1), SubmissionStatus.Released);
        var releaser = _world.DueReleaser();

        Assert.Equal(3, await releaser.ReleaseDueAsync(default));
        Assert.Equal(3, await releaser.ReleaseDueAsync(default));

        // Same generation both times: the second run starts the same instances, i.e. nothing new.
        string[] due = [await Start("after-due-passed", "s-after-due-passed-0"), await Start("scheduled-passed", "s-scheduled-passed-0"),
            await Start("manual-released", "s-manual-released-0")];
        Assert.Equal(due.Concat(due).Order(StringComparer.Ordinal), _world.Workflows.Releases.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ReleaseDue_AssessmentWoken_DueWithGradedWork_StartsItsReleaseAtTheNewestGeneration()
    {
        await AddAsync("quiz1", GradingWorld.Policy(ReleasePolicy.AfterDue), [SubmissionStatus.Graded, SubmissionStatus.Graded, SubmissionStatus.Accepted]);

        var outcome = await _world.DueReleaser().ReleaseDueAsync(GradingWorld.Tenant, "quiz1", default);

        Assert.Equal(new TimedReleaseOutcome(true, null), outcome);
        Assert.Equal([await Start("quiz1", "s-quiz1-1")], _world.Workflows.Releases);
        _world.Logs.AssertLogged("Release timer started the release of 2 submissions of quiz1 in school-a");
    }

    [Fact]
    public async Task ReleaseDue_AssessmentWoken_ReleasedByTheTeacher_StartsItsRelease()
    {
        await AddAsync("quiz1", GradingWorld.Policy(ReleasePolicy.Manual), [SubmissionStatus.Graded], releasedAt: GradingWorld.Now.AddMinutes(-1));

        var outcome = await _world.DueReleaser().ReleaseDueAsync(GradingWorld.Tenant, "quiz1", default);

        Assert.True(outcome.Started);
        Assert.Single(_world.Workflows.Releases);
    }

    [Fact]
    public async Task ReleaseDue_AssessmentWoken_NotYetDue_SaysUntilWhenAndStartsNothing()
    {
        var at = GradingWorld.Now.AddMinutes(10);
        await AddAsync("quiz1", GradingWorld.Policy(ReleasePolicy.Scheduled, at), [SubmissionStatus.Graded]);

        var outcome = await _world.DueReleaser().ReleaseDueAsync(GradingWorld.Tenant, "quiz1", default);

        Assert.Equal(new TimedReleaseOutcome(false, at), outcome);
        Assert.Empty(_world.Workflows.Releases);
    }

    [Fact]
    public async Task ReleaseDue_AssessmentWoken_DueButNothingPending_IsNothing()
    {
        await AddAsync("quiz1", GradingWorld.Policy(ReleasePolicy.AfterDue), [SubmissionStatus.Released, SubmissionStatus.Accepted]);

        var outcome = await _world.DueReleaser().ReleaseDueAsync(GradingWorld.Tenant, "quiz1", default);

        Assert.Equal(TimedReleaseOutcome.Nothing, outcome);
        Assert.Empty(_world.Workflows.Releases);
    }

    [Fact]
    public async Task ReleaseDue_AssessmentWoken_GoneOrImmediate_IsNothing()
    {
        await AddAsync("immediate", GradingWorld.Policy(ReleasePolicy.Immediate), [SubmissionStatus.Graded]);
        var releaser = _world.DueReleaser();

        Assert.Equal(new TimedReleaseOutcome(false, null), await releaser.ReleaseDueAsync(GradingWorld.Tenant, "gone", default));
        Assert.Equal(new TimedReleaseOutcome(false, null), await releaser.ReleaseDueAsync(GradingWorld.Tenant, "immediate", default));
        Assert.Empty(_world.Workflows.Releases);
    }

    [Fact]
    public void Nothing_StartedNothingAndHasNoTime() =>
        Assert.Equal((false, (DateTimeOffset?)null), (TimedReleaseOutcome.Nothing.Started, TimedReleaseOutcome.Nothing.NotBefore));

    /// <summary>An assessment with one submission per status, ids s-{assessment}-{n}.</summary>
    private async Task AddAsync(string id, ReleasePolicy release, SubmissionStatus[] statuses, DateTimeOffset? releasedAt = null, TenantId? tenant = null)
    {
        await _world.AddAssessmentAsync(GradingWorld.Quiz(id, release), releasedAt: releasedAt, tenant: tenant);
        for (var i = 0; i < statuses.Length; i++)
        {
            await _world.AddSubmissionAsync($"s-{id}-{i}", id, statuses[i], tenant);
        }
    }

    /// <summary>An assessment due at <paramref name="dueAt"/> with 60 s of grace and one submission, s-{assessment}-0.</summary>
    private async Task AddWithGraceAsync(string id, ReleasePolicy release, DateTimeOffset dueAt, SubmissionStatus status, DateTimeOffset? releasedAt = null)
    {
        await _world.AddAssessmentAsync(GradingWorld.Quiz(id, release, due: dueAt) with { GraceSeconds = 60 }, releasedAt: releasedAt);
        await _world.AddSubmissionAsync(GradingWorld.Submission($"s-{id}-0", id, status, receivedAt: GradingWorld.Now.AddDays(-2)));
    }

    /// <summary>The release start expected for an assessment whose newest graded submission is <paramref name="newest"/>.</summary>
    private async Task<string> Start(string assessmentId, string newest, TenantId? tenant = null)
    {
        var t = tenant ?? GradingWorld.Tenant;
        return $"{t.Value}:{assessmentId}:{(await _world.DocumentAsync(Containers.Submissions, newest, t)).Sequence}";
    }
}
