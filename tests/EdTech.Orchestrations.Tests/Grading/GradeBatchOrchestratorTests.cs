using EdTech.Application.Grading;
using EdTech.Application.Grading.Review;
using EdTech.Application.Records;
using EdTech.Application.Records.Views;
using EdTech.Application.Storage;
using EdTech.Domain.Assessments;
using EdTech.Domain.Submissions;
using EdTech.Domain.Tenancy;
using EdTech.Orchestrations.Grading;
using EdTech.Orchestrations.Hosting;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace EdTech.Orchestrations.Tests.Grading;

/// <summary>
/// Batch grading end to end in a real in-process durable engine over the real SQLite store: the start-grading handler's chunks
/// become GradeBatch instances (tenant-first ids), auto-graded work is graded and released in one activity per chunk, and only
/// submissions awaiting review get their own waiting GradeSubmission instance.
/// </summary>
public sealed class GradeBatchOrchestratorTests(GradingHostFixture host, ITestOutputHelper output) : IClassFixture<GradingHostFixture>
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
    private static readonly ReleasePolicy Immediate = new(ReleasePolicy.Immediate, null);
    private static readonly TenantId Other = new("school-2");

    [Fact]
    public async Task Handler_MixedAutoAndManualAcrossTwoTenants_GradesAll_StartsReviewWaitsOnlyForManual()
    {
        var changes = await SeedMixedAsync("mix");

        await Handler().HandleAsync(changes, CancellationToken.None);

        var first = await CompletedBatchAsync(GradingHostFixture.Tenant, ["mix-1-auto-1", "mix-1-auto-2", "mix-1-essay"]);
        var second = await CompletedBatchAsync(Other, ["mix-2-auto-1", "mix-2-essay"]);
        Assert.Equal((2, 0, 0), (first.Result.Released, first.Result.Graded, first.Result.Erased));
        Assert.Equal(["mix-1-essay"], first.Result.StartedAlone);
        Assert.Equal((1, 0, 0), (second.Result.Released, second.Result.Graded, second.Result.Erased));
        Assert.Equal(["mix-2-essay"], second.Result.StartedAlone);
        foreach (var (tenant, id) in new[] { (GradingHostFixture.Tenant, "mix-1-auto-1"), (GradingHostFixture.Tenant, "mix-1-auto-2"), (Other, "mix-2-auto-1") })
        {
            var stored = (await host.Store.GetAsync<SubmissionRecord>(tenant, id))!.Value;
            Assert.Equal((SubmissionStatus.Released, 7m), (stored.Status, stored.Score));
            // No per-submission workflow for auto-graded work: the batch did it all.
            Assert.Null(await host.Client.GetInstanceAsync(GradeSubmissionInput.InstanceIdFor(tenant, id)));
            // And showed it: the student's view and the gradebook row (one per student and assessment: the two attempts of the
            // first tenant's student share it), with no change-feed projection running here.
            var view = (await host.Store.GetAsync<SubmissionViewRecord>(tenant, id))!.Value;
            Assert.Equal((SubmissionStatus.Released, 7m), (view.Status, view.Score));
            var row = (await host.Store.GetAsync<GradebookEntry>(tenant, GradebookEntry.IdFor(stored.CourseId, stored.UserId, stored.AssessmentId)))!.Value;
            Assert.Equal((SubmissionStatus.Released, 7m), (row.Status, row.Score));
        }

        foreach (var (tenant, id) in new[] { (GradingHostFixture.Tenant, "mix-1-essay"), (Other, "mix-2-essay") })
        {
            Assert.Equal(SubmissionStatus.AwaitingReview, (await host.Store.GetAsync<SubmissionRecord>(tenant, id))!.Value.Status);
            var waiting = await host.Client.GetInstanceAsync(GradeSubmissionInput.InstanceIdFor(tenant, id));
            Assert.NotNull(waiting);
            Assert.StartsWith($"{tenant}:grade:", waiting.InstanceId, StringComparison.Ordinal);
            await WaitUntilRunningAsync(waiting.InstanceId);
            await host.Client.TerminateInstanceAsync(waiting.InstanceId);
        }
    }

    [Fact]
    public async Task Handler_RedeliveredBatch_StartsNothingTwice_AndARerunUnderAnotherIdWritesNothing()
    {
        var changes = await SeedMixedAsync("again");
        await Handler().HandleAsync(changes, CancellationToken.None);
        var batch = await CompletedBatchAsync(GradingHostFixture.Tenant, ["again-1-auto-1", "again-1-auto-2", "again-1-essay"]);
        await CompletedBatchAsync(Other, ["again-2-auto-1", "again-2-essay"]);
        var writes = host.Store.WritesByContainer();

        // The same delivery again (a lease lost before its checkpoint), in another order: the same instances, nothing started.
        await Handler().HandleAsync([.. changes.AsEnumerable().Reverse()], CancellationToken.None);
        // The same chunk cut differently (or purged and redelivered) is a new instance: every step is idempotent per submission.
        var rerunId = GradingHostFixture.Tenant + ":grade-batch:rerun";
        await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(GradeBatchOrchestrator), batch.Input, new StartOrchestrationOptions(rerunId));
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var rerun = await host.Client.WaitForInstanceCompletionAsync(rerunId, getInputsAndOutputs: true, cts.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, rerun.RuntimeStatus);
        // No second submission write, audit entry, notification or integration event; the review wait is the same instance.
        Assert.Equal(writes, host.Store.WritesByContainer());
        foreach (var (tenant, id) in new[] { (GradingHostFixture.Tenant, "again-1-essay"), (Other, "again-2-essay") })
        {
            await host.Client.TerminateInstanceAsync(GradeSubmissionInput.InstanceIdFor(tenant, id));
        }
    }

    [Fact]
    public async Task Batch_ErasedSubmission_IsDropped_TheOthersGraded()
    {
        var assessment = await host.SeedAssessmentAsync("erase-quiz", Immediate, Now.AddDays(1));
        await host.SeedSubmissionAsync("erase-kept", assessment, Now);
        await host.SeedSubmissionAsync("erase-gone", assessment, Now, studentId: "student-erased");
        var changes = new[] { await DocumentAsync(GradingHostFixture.Tenant, "erase-kept"), await DocumentAsync(GradingHostFixture.Tenant, "erase-gone") };
        // The student's erasure deleted the submission after its change was read.
        Assert.True(await host.Store.DeleteAsync(GradingHostFixture.Tenant, Containers.Submissions, "erase-gone"));

        await Handler().HandleAsync(changes, CancellationToken.None);

        var batch = await CompletedBatchAsync(GradingHostFixture.Tenant, ["erase-kept", "erase-gone"]);
        Assert.Equal((1, 0, 1), (batch.Result.Released, batch.Result.Graded, batch.Result.Erased));
        Assert.Empty(batch.Result.StartedAlone);
        Assert.Null(await host.Store.GetAsync<SubmissionRecord>(GradingHostFixture.Tenant, "erase-gone"));
        // Nothing announces the erased student's result: no outbox document (which would carry the notification) and no notification alone.
        Assert.Equal((1, 0, 0), (host.Store.WritesOf(Containers.IntegrationEvents, "grade-changed:erase-kept:auto-grade"),
            host.Store.WritesOf(Containers.IntegrationEvents, "grade-changed:erase-gone:auto-grade"), host.Store.WritesOf(Containers.Notifications, "results-released:erase-gone")));
    }

    [Fact]
    public async Task Batch_OneSubmissionCannotBeGraded_EveryOneGoesToItsOwnWorkflow_TheOthersAreStillReleased()
    {
        var assessment = await host.SeedAssessmentAsync("poison-quiz", Immediate, Now.AddDays(1));
        await host.SeedSubmissionAsync("poison-ok", assessment, Now);
        var orphan = assessment with { Id = "poison-missing" };
        await host.SeedSubmissionAsync("poison-bad", orphan, Now);

        await Handler().HandleAsync([await DocumentAsync(GradingHostFixture.Tenant, "poison-ok"), await DocumentAsync(GradingHostFixture.Tenant, "poison-bad")], CancellationToken.None);

        var batch = await CompletedBatchAsync(GradingHostFixture.Tenant, ["poison-ok", "poison-bad"], TimeSpan.FromSeconds(120));
        Assert.Equal(["poison-bad", "poison-ok"], batch.Result.StartedAlone);
        Assert.Equal(SubmissionStatus.Released, (await host.GetSubmissionAsync("poison-ok"))!.Value.Status);
        // The good one's own workflow finds it released and ends; the bad one fails alone, as it did before batching.
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var ok = await host.Client.WaitForInstanceCompletionAsync(GradeSubmissionInput.InstanceIdFor(GradingHostFixture.Tenant, "poison-ok"), cts.Token);
        var bad = await host.Client.WaitForInstanceCompletionAsync(GradeSubmissionInput.InstanceIdFor(GradingHostFixture.Tenant, "poison-bad"), cts.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, ok.RuntimeStatus);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, bad.RuntimeStatus);
        Assert.Equal(2, host.Store.WritesOf(Containers.Submissions, "poison-ok"));
    }

    [Fact]
    public void InstanceId_CarriesTheTenant_AndIsTheSameForTheSameChunkInAnyOrder()
    {
        var id = GradeBatchInput.InstanceIdFor(GradingHostFixture.Tenant, ["b", "a", "c"]);

        Assert.StartsWith("school-1:grade-batch:", id, StringComparison.Ordinal);
        Assert.Equal(id, GradeBatchInput.InstanceIdFor(GradingHostFixture.Tenant, ["c", "a", "b", "a"]));
        Assert.NotEqual(id, GradeBatchInput.InstanceIdFor(Other, ["a", "b", "c"]));
        Assert.NotEqual(id, GradeBatchInput.InstanceIdFor(GradingHostFixture.Tenant, ["a", "b"]));
        Assert.Equal(new[] { "a", "b", "c" }, GradeBatchInput.For(GradingHostFixture.Tenant, ["c", "a", "b", "a"]).SubmissionIds);
    }

    /// <summary>
    /// Store writes per auto-graded (immediately released) submission, the per-submission workflow against the batch: the batch
    /// saves durable steps and transactions, not document writes (each submission keeps its own audit, notification and events).
    /// </summary>
    [Fact]
    public async Task WritesPerAutoGradedSubmission_PerSubmissionWorkflowAndBatch_AreCountedAndEqual_TheBatchReadsTheAssessmentOnce()
    {
        const int n = 10;
        var assessment = await host.SeedAssessmentAsync("count-quiz", Immediate, Now.AddDays(1));
        for (var i = 0; i < 2 * n; i++)
        {
            await host.SeedSubmissionAsync($"count-{i:D2}", assessment, Now, studentId: $"count-student-{i}");
        }

        var start = host.Store.WritesByContainer();
        var readsAtStart = host.Store.ReadsOf(Containers.Assessments, "count-quiz");
        await Task.WhenAll(Enumerable.Range(0, n).Select(i => host.RunAsync($"count-{i:D2}")));
        var alone = Minus(host.Store.WritesByContainer(), start);
        var readsAlone = host.Store.ReadsOf(Containers.Assessments, "count-quiz") - readsAtStart;
        var mid = host.Store.WritesByContainer();
        var readsAtMid = host.Store.ReadsOf(Containers.Assessments, "count-quiz");
        await Handler().HandleAsync([.. await Task.WhenAll(Enumerable.Range(n, n).Select(i => DocumentAsync(GradingHostFixture.Tenant, $"count-{i:D2}")))], CancellationToken.None);
        await CompletedBatchAsync(GradingHostFixture.Tenant, [.. Enumerable.Range(n, n).Select(i => $"count-{i:D2}")]);
        var batched = Minus(host.Store.WritesByContainer(), mid);
        var readsBatched = host.Store.ReadsOf(Containers.Assessments, "count-quiz") - readsAtMid;

        output.WriteLine($"per submission, alone:   {Describe(alone, n)}");
        output.WriteLine($"per submission, batched: {Describe(batched, n)}");
        // The grading: submission 1, audit 1 (auto-graded and released, folded), integration events 1 (grade-changed and
        // results-released, folded, carrying the student's notification): 3, down from 6 before the folds (docs/grading.md,
        // "Folded writes"); then the result shown, the student's view and the gradebook row (writes the submission projection made
        // before, moved to the step, not added: it then finds them written, SubmissionViewsTests). The same alone and batched.
        Assert.Equal(new Dictionary<string, int>(StringComparer.Ordinal)
        {
            [Containers.Submissions] = n, [Containers.Audit] = n, [Containers.IntegrationEvents] = n, [Containers.SubmissionViews] = n, [Containers.Gradebook] = n,
        }, alone);
        Assert.Equal(alone, batched);
        // The assessment: read to grade and again for the catch-up, per submission alone, per batch together.
        output.WriteLine($"assessment reads: alone {readsAlone}, batched {readsBatched}");
        Assert.Equal((2 * n, 2), (readsAlone, readsBatched));
    }

    private static Dictionary<string, int> Minus(IReadOnlyDictionary<string, int> after, IReadOnlyDictionary<string, int> before) =>
        after.Select(kv => (kv.Key, Value: kv.Value - before.GetValueOrDefault(kv.Key))).Where(kv => kv.Value != 0)
            .ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);

    private static string Describe(Dictionary<string, int> writes, int n) =>
        string.Join(", ", writes.OrderBy(w => w.Key, StringComparer.Ordinal).Select(w => $"{w.Key} {(double)w.Value / n:0.##}")) + $"; total {(double)writes.Values.Sum() / n:0.##}";

    private StartGradingOnSubmission Handler() => new(
        new DurableGradingWorkflow(new RegisteredDurableClientSource(host.Client), new ReviewReminderSettings(TimeSpan.FromHours(1), 2), NullLogger<DurableGradingWorkflow>.Instance),
        new GradingBatchSettings(100));

    /// <summary>Per tenant: two immediate auto-graded submissions (one in the second tenant) and one with an essay awaiting review.</summary>
    private async Task<List<StoredDocument>> SeedMixedAsync(string prefix)
    {
        await host.Store.CreateAsync(TenantId.Platform, new TenantRecord(Other.Value, "School Two", "UTC", TenantStatus.Active, DateTimeOffset.UtcNow));
        var changes = new List<StoredDocument>();
        foreach (var (tenant, n, autos) in new[] { (GradingHostFixture.Tenant, 1, 2), (Other, 2, 1) })
        {
            var auto = await host.SeedAssessmentAsync($"{prefix}-{n}-auto", Immediate, Now.AddDays(1), tenant: tenant);
            var essay = await host.SeedAssessmentAsync($"{prefix}-{n}-essay", Immediate, Now.AddDays(1), withEssay: true, tenant: tenant);
            for (var i = 1; i <= autos; i++)
            {
                await host.SeedSubmissionAsync($"{prefix}-{n}-auto-{i}", auto, Now, tenant);
                changes.Add(await DocumentAsync(tenant, $"{prefix}-{n}-auto-{i}"));
            }

            await host.SeedSubmissionAsync($"{prefix}-{n}-essay", essay, Now, tenant);
            changes.Add(await DocumentAsync(tenant, $"{prefix}-{n}-essay"));
        }

        return changes;
    }

    private async Task<StoredDocument> DocumentAsync(TenantId tenant, string id) => (await host.Store.GetAsync(tenant, Containers.Submissions, id))!;

    private async Task<(GradeBatchInput Input, GradeBatchResult Result)> CompletedBatchAsync(TenantId tenant, IReadOnlyList<string> ids, TimeSpan? patience = null)
    {
        var instanceId = GradeBatchInput.InstanceIdFor(tenant, ids);
        Assert.StartsWith($"{tenant}:grade-batch:", instanceId, StringComparison.Ordinal);
        using var cts = new CancellationTokenSource(patience ?? TimeSpan.FromSeconds(60));
        var done = await host.Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, cts.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        var result = done.ReadOutputAs<GradeBatchResult>()!;
        return (done.ReadInputAs<GradeBatchInput>()!, result with { StartedAlone = [.. result.StartedAlone.Order(StringComparer.Ordinal)] });
    }

    private async Task WaitUntilRunningAsync(string instanceId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await host.Client.GetInstanceAsync(instanceId))?.RuntimeStatus != OrchestrationRuntimeStatus.Running)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{instanceId} is not running (waiting for review) after 30 s.");
            await Task.Delay(50);
        }
    }
}
