using EdTech.Domain.Serialization;
using System.Diagnostics;
using System.Net;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Submissions;
using EdTech.Domain.Tenancy;
using EdTech.Infrastructure.Identity;
using EdTech.Infrastructure.Storage.Sqlite;
using Xunit.Abstractions;

namespace EdTech.LocalHost.Tests.Process;

/// <summary>
/// Every acknowledged command survives SIGKILL right after its answer, on the default in-memory durable engine (which forgets
/// every instance): a manual "release now" of 250 graded submissions (3 release pages), an edit that regrades 40 submissions,
/// and the nightly calibration (a timer, killed right after it recorded its run). Three host starts in all: kill after the
/// release and regrade answers; restart with the calibration timer firing, kill right after it fired (the recovery of the
/// first two is cut off again); restart with the timer off and check that all three completed. Tagging jobs need a chat
/// model, which this process cannot reach: the in-process tests cover their redelivery and re-drive (StartTaggingOnJobTests).
/// </summary>
public sealed class CommandCrashRecoveryTests(ITestOutputHelper output)
{
    private const string ReleaseQuiz = "release-quiz";
    private const string RegradeQuiz = "regrade-quiz";
    private const int ReleaseSubmissions = 250;
    // A hang guard, not a speed target: alone the whole test takes ~25 s; in CI, beside the other kill -9 tests of this
    // assembly, one wait for the calibration run timed out at 90 s once (session 9, 1 run of 3).
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(180);
    private static readonly string[] NeverCalibrate = ["--CALIBRATE_SCHEDULE", "0 0 0 1 1 *"];

    [Fact]
    public async Task KillDashNine_RightAfterEachCommandIsAcknowledged_EveryCommandCompletesAfterRestart()
    {
        var total = Stopwatch.StartNew();
        var data = Path.Combine(Path.GetTempPath(), "edt-cmd-" + Guid.NewGuid().ToString("N")[..10]);
        var school = new CrashSchool(LocalTokenIssuer.ForDataDirectory(data));
        LocalHostProcess? host = null;
        try
        {
            // 1. Graded work waiting, then "release now" (202) and a key change (200, regrading), then SIGKILL at once.
            host = await LocalHostProcess.StartAsync(data, Patience, NeverCalibrate);
            using (var http = CrashSchool.Client(host.BaseAddress))
            {
                await school.SetUpAsync(http, [(ReleaseQuiz, "manual"), (RegradeQuiz, "immediate")]);
                var planned = await school.SubmitAsync(http, ReleaseQuiz, ReleaseSubmissions);
                var regraded = await school.SubmitAsync(http, RegradeQuiz, CrashSchool.Students);
                await school.WaitForAsync(http, host, planned, (_, v) => v.Status == SubmissionStatus.Graded.Wire(), Patience);
                await school.WaitForAsync(http, host, regraded, (_, v) => v.Status == SubmissionStatus.Released.Wire(), Patience);
                output.WriteLine($"set-up done {total.Elapsed.TotalSeconds:F1} s");

                var regrade = await school.ChangeKeyAsync(http, RegradeQuiz);
                Assert.Equal(HttpStatusCode.OK, regrade);
                var release = await school.SendAsync(http, HttpMethod.Post, $"/api/teacher/assessments/{ReleaseQuiz}/release", school.Teacher, new { });
                Assert.Equal(HttpStatusCode.Accepted, release.Status);
                await host.KillAsync();
            }

            await host.DisposeAsync();
            host = null;
            var atFirstCrash = await CountAsync(data, ReleaseQuiz);
            output.WriteLine($"first kill {total.Elapsed.TotalSeconds:F1} s; release-quiz at the crash: {atFirstCrash}");

            // 2. Restart with the calibration timer firing every second; SIGKILL right after its first run logged
            //    "Requested 1 course calibrations for <day>" (the only outside sign that the timer fired). The last
            //    start never fires it, so only the recorded run can bring the calibration to completion.
            host = await LocalHostProcess.StartAsync(data, Patience, "--CALIBRATE_SCHEDULE", "* * * * * *");
            await host.WaitForOutputAsync("1 course calibrations for", Patience);
            var day = DateOnly.FromDateTime(DateTime.UtcNow);
            await host.KillAsync();
            await host.DisposeAsync();
            host = null;
            output.WriteLine($"second kill {total.Elapsed.TotalSeconds:F1} s; release-quiz at the crash: {await CountAsync(data, ReleaseQuiz)}");
            // A calibration of this small course can finish between its "Requested" line and the kill: then its run is
            // already completed and the restart has nothing to re-drive (its "completed" line was the killed host's).
            var calibrationId = WorkflowRunRecord.CalibrateId(CrashSchool.CourseId, day);
            var calibrationAtKill = await StatusAtKillAsync(data, calibrationId);
            // The same for the regrade: the second host re-drives it, and it can finish before the kill (its "completed" line then
            // was the killed host's, and the last host re-drives nothing: "Re-drove 0 … workflow runs").
            var regradeId = WorkflowRunRecord.RegradeId(RegradeQuiz, 2);
            var regradeAtKill = await StatusAtKillAsync(data, regradeId);

            // 3. Restart: the release, the regrade and the calibration all complete.
            var recovery = Stopwatch.StartNew();
            host = await LocalHostProcess.StartAsync(data, Patience, NeverCalibrate);
            using (var http = CrashSchool.Client(host.BaseAddress))
            {
                var released = await school.WaitForAsync(http, host, school.Planned(ReleaseQuiz), (_, v) => v.Status == SubmissionStatus.Released.Wire(), Patience);
                Assert.All(school.Planned(ReleaseQuiz), p => Assert.Equal(p.Score, released[p.SubmissionId].Score));
                var regraded = await school.WaitForAsync(http, host, school.Planned(RegradeQuiz), (p, v) => v.Score == CrashSchool.RegradedScore(p), Patience);
                Assert.All(regraded.Values, v => Assert.Equal(SubmissionStatus.Released.Wire(), v.Status));
                await CompletedAsync(host, calibrationId, calibrationAtKill);
                // The regrade's run is finished by its workflow's last step, after the regraded views are visible: wait for it
                // too before killing the host (the record is checked below).
                await CompletedAsync(host, regradeId, regradeAtKill);
                output.WriteLine($"all three commands completed {recovery.Elapsed.TotalSeconds:F1} s after the last restart");
            }

            await host.KillAsync();
            await host.DisposeAsync();
            host = null;

            await using var store = SqliteDocumentStore.Open(new SqliteStoreOptions(Path.Combine(data, "edtech.db")));
            var tenant = new TenantId(CrashSchool.Tenant);
            foreach (var runId in new[] { regradeId, calibrationId })
            {
                Assert.Equal(WorkflowRunStatus.Completed, (await store.GetAsync<WorkflowRunRecord>(tenant, runId))?.Value.Status);
            }

            output.WriteLine($"command crash test total {total.Elapsed.TotalSeconds:F1} s");
        }
        finally
        {
            if (host is not null)
            {
                output.WriteLine(host.RecentOutput(300));
                await host.DisposeAsync();
            }

            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (IOException)
            {
                // A temp folder left behind is not a test failure.
            }
        }
    }

    /// <summary>A run's status at the second kill, printed.</summary>
    private async Task<WorkflowRunStatus?> StatusAtKillAsync(string data, string runId)
    {
        var status = await RunStatusAsync(data, runId);
        output.WriteLine($"run {runId} at the second kill: {status?.Wire() ?? "none"}");
        return status;
    }

    /// <summary>Waits for the last host to complete a run, unless it was already completed at the kill (its line was the killed host's).</summary>
    private static Task CompletedAsync(LocalHostProcess host, string runId, WorkflowRunStatus? atKill) =>
        atKill == WorkflowRunStatus.Completed ? Task.CompletedTask : host.WaitForOutputAsync($"Run {runId} in {CrashSchool.Tenant} completed", Patience);

    private static async Task<WorkflowRunStatus?> RunStatusAsync(string data, string runId)
    {
        await using var store = SqliteDocumentStore.Open(new SqliteStoreOptions(Path.Combine(data, "edtech.db")));
        return (await store.GetAsync<WorkflowRunRecord>(new TenantId(CrashSchool.Tenant), runId))?.Value.Status;
    }

    private static async Task<string> CountAsync(string data, string assessmentId)
    {
        await using var store = SqliteDocumentStore.Open(new SqliteStoreOptions(Path.Combine(data, "edtech.db")));
        var submissions = await store.QueryAsync<SubmissionRecord>(new TenantId(CrashSchool.Tenant), DocumentQuery.Where("assessmentId", assessmentId, CrashSchool.CourseId));
        return string.Join(", ", submissions.GroupBy(s => s.Value.Status).OrderBy(g => g.Key.Wire(), StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key.Wire()}"));
    }
}
