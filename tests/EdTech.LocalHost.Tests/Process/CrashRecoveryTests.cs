using EdTech.Domain.Serialization;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Application.Submissions;
using EdTech.Domain.Submissions;
using EdTech.Domain.Tenancy;
using EdTech.Infrastructure.Identity;
using EdTech.Infrastructure.Storage.Sqlite;
using EdTech.LocalHost;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace EdTech.LocalHost.Tests.Process;

/// <summary>The real LocalHost process, killed with SIGKILL mid-burst and restarted on the same data folder.</summary>
public sealed class CrashRecoveryTests(ITestOutputHelper output)
{
    private const string Tenant = "crash-school";
    private const string CourseId = "physics-1";
    private const string AssessmentId = "quiz-1";
    private const int Students = 40;
    private const int Concurrency = 32;
    private const decimal MaxScore = 10m;

    // A hang guard, not a speed target (speed is measured by benchmark commands, docs/benchmarks.md): 10 s was exceeded
    // (10.9 s) on a loaded 2-core machine while the recovery itself was correct. The measured times are printed above.
    private static readonly TimeSpan StartupBound = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan HealthPatience = TimeSpan.FromSeconds(60);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public Task KillDashNine_DuringSubmissionBurst_EveryAcknowledgedSubmissionIsReleasedOnce() =>
        RunAsync(new CrashScenario(Submissions: 400, KillAfterAcks: 150, ReleasePatience: TimeSpan.FromSeconds(60), HostArgs: []));

    /// <summary>
    /// The durable engine on DurableTask.AzureStorage (Azurite) and start-up reconciliation OFF (the periodic
    /// reconciler too): orchestrations cut off by SIGKILL can only finish if the engine resumes them from storage.
    /// Start-up time is not checked: creating the hub's queues and tables in Azurite is not the host's start-up.
    /// <para>
    /// The warm-up is the hub's first grading, before any kill: when it stood still (s-9899b33f…, plan 0, 'accepted' for 3 minutes)
    /// the app lease of DurableTask.AzureStorage was the cause, not crash recovery (LocalDurableBackend, AzureStorageBackendTests).
    /// </para>
    /// </summary>
    [AzuriteFact]
    public Task KillDashNine_WithAzureStorageEngineAndNoReconciliation_OrchestrationsResumeFromStorage() =>
        RunAsync(new CrashScenario(Submissions: 80, KillAfterAcks: 60, ReleasePatience: TimeSpan.FromSeconds(180), HostArgs:
        [
            "--Durable:Provider", "AzureStorage",
            "--Durable:AzureStorage:ConnectionString", AzuriteFactAttribute.ConnectionString,
            "--Durable:TaskHub", "crash" + Guid.NewGuid().ToString("N")[..10],
            "--Grading:ReconcileOnStartup", "false",
            "--RECONCILE_GRADING_SCHEDULE", "0 0 0 1 1 *",
        ], RequireUnfinishedAtCrash: true, CheckStartupTime: false));

    private async Task RunAsync(CrashScenario scenario)
    {
        var total = Stopwatch.StartNew();
        // Short root: the durable engine's Unix socket lives in the data folder (~108-byte path limit).
        var dataDirectory = Path.Combine(Path.GetTempPath(), "edt-crash-" + Guid.NewGuid().ToString("N")[..10]);
        var issuer = LocalTokenIssuer.ForDataDirectory(dataDirectory);
        var plan = Enumerable.Range(0, scenario.Submissions).Select(PlannedSubmission.For).ToList();
        var expected = plan.ToDictionary(p => p.SubmissionId, StringComparer.Ordinal);
        LocalHostProcess? host = null;
        try
        {
            // 1. First start, set-up, burst, SIGKILL after ~150 acknowledgements.
            host = await LocalHostProcess.StartAsync(dataDirectory, HealthPatience, scenario.HostArgs);
            var firstStart = host.StartupTime;
            IReadOnlyCollection<string> acknowledged;
            using (var http = NewClient(host.BaseAddress))
            {
                await SetUpAsync(http, issuer);
                // Warm-up: one submission all the way to released, so the grading path is hot and the burst
                // overlaps live grading (the kill then lands on a mix of accepted, graded and released work).
                var warmUp = await BurstThenKillAsync(http, host, issuer, plan.Take(1).ToList(), killAfterAcks: null);
                await WaitForAllReleasedAsync(http, issuer, plan.Take(1).ToList(), host, scenario.ReleasePatience, "warm-up, before any kill");
                acknowledged = [.. warmUp, .. await BurstThenKillAsync(http, host, issuer, plan.Skip(1).ToList(), scenario.KillAfterAcks)];
            }

            var withAck = acknowledged.Select(id => StudentId(expected[id].Student)).ToHashSet(StringComparer.Ordinal);
            var unacknowledged = Enumerable.Range(0, Students).Select(StudentId).Where(s => !withAck.Contains(s)).ToList();
            output.WriteLine($"students with no acknowledged submission: {(unacknowledged.Count == 0 ? "none" : string.Join(", ", unacknowledged))}");
            Report("first host", host);
            await host.DisposeAsync();
            host = null;

            var atCrash = await SnapshotAsync(dataDirectory, acknowledged);
            output.WriteLine("acknowledged submissions at the crash: " + string.Join(", ",
                atCrash.Values.GroupBy(s => s.Status).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key}")));
            if (scenario.RequireUnfinishedAtCrash)
            {
                // Otherwise the restart would have nothing to resume and the test would prove nothing.
                Assert.Contains(atCrash.Values, s => s.Status != SubmissionStatus.Released.Wire());
            }

            // 2. Restart on the same folder: every acknowledged submission is graded and released.
            var recovery = Stopwatch.StartNew();
            host = await LocalHostProcess.StartAsync(dataDirectory, HealthPatience, scenario.HostArgs);
            var secondStart = host.StartupTime;
            using (var http = NewClient(host.BaseAddress))
            {
                var views = await WaitForAllReleasedAsync(http, issuer, acknowledged.Select(id => expected[id]).ToList(), host, scenario.ReleasePatience, "after the restart");
                output.WriteLine($"all {acknowledged.Count} acknowledged submissions released {recovery.Elapsed.TotalSeconds:F1} s after restart");
                foreach (var id in acknowledged)
                {
                    var view = views[id];
                    Assert.Equal(SubmissionStatus.Released, view.Status);
                    Assert.Equal(expected[id].Score, view.Score);
                    Assert.Equal(MaxScore, view.MaxScore);
                    Assert.False(view.Late);
                }

                await AssertGradebookAsync(http, issuer, expected, withAck, host, scenario.ReleasePatience);

                // A second read once the change feed has handled every change (a fixed point, not a pause) answers the same:
                // nothing is still moving.
                await FeedSettledAsync(dataDirectory, scenario.ReleasePatience);
                var again = await ReadViewsAsync(http, issuer, acknowledged.Select(id => expected[id]).ToList());
                Assert.All(acknowledged, id => Assert.Equal(views[id], again[id]));
            }

            Report("second host", host);
            await host.KillAsync();
            await host.DisposeAsync();
            host = null;

            // 3. "Once": a third start re-runs start-up reconciliation and the change feed from its checkpoints;
            //    the acknowledged submissions' records must not be written again (same ETag, same grading and release times).
            var before = await SnapshotAsync(dataDirectory, acknowledged);
            host = await LocalHostProcess.StartAsync(dataDirectory, HealthPatience, scenario.HostArgs);
            var thirdStart = host.StartupTime;
            // Positive signals instead of a pause: start-up reconciliation has re-driven whatever it found (when it runs), and the
            // change feed has handled every change since; only then is "nothing was written again" a finding.
            if (!scenario.HostArgs.Contains("--Grading:ReconcileOnStartup"))
            {
                await host.WaitForOutputAsync(StartupReconciliation.DoneMessage, HealthPatience);
            }

            await FeedSettledAsync(dataDirectory, scenario.ReleasePatience);
            using (var http = NewClient(host.BaseAddress))
            {
                await AssertGradebookAsync(http, issuer, expected, withAck, host, scenario.ReleasePatience);
            }

            Report("third host", host);
            await host.KillAsync();
            await host.DisposeAsync();
            host = null;
            var after = await SnapshotAsync(dataDirectory, acknowledged);
            Assert.All(acknowledged, id => Assert.Equal(before[id], after[id]));

            output.WriteLine($"start-up (process start → first 200 /api/health): first {firstStart.TotalMilliseconds:F0} ms, " +
                $"after SIGKILL {secondStart.TotalMilliseconds:F0} ms, third {thirdStart.TotalMilliseconds:F0} ms");
            output.WriteLine($"crash test total {total.Elapsed.TotalSeconds:F1} s");
            if (scenario.CheckStartupTime)
            {
                Assert.True(firstStart < StartupBound, $"first start-up took {firstStart}");
                Assert.True(secondStart < StartupBound, $"start-up after the crash took {secondStart}");
            }
        }
        finally
        {
            if (host is not null)
            {
                output.WriteLine(host.HasExited ? $"the host had exited with {host.ExitCode}" : "the host was still running");
                Report("last host", host);
                output.WriteLine(host.RecentOutput(400));
                await host.DisposeAsync();
            }

            try
            {
                Directory.Delete(dataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A temp folder left behind is not a test failure.
            }
        }
    }

    private void Report(string name, LocalHostProcess host)
    {
        var problems = host.Problems();
        output.WriteLine($"{name}: {problems.Count} warnings/errors logged");
        foreach (var line in problems.Take(20))
        {
            output.WriteLine("  " + line);
        }
    }

    private static async Task SetUpAsync(HttpClient http, LocalTokenIssuer issuer)
    {
        var platform = Token(issuer, TenantId.PlatformValue, "root", Roles.PlatformAdmin);
        await PostAsync(http, platform, "/api/platform/tenants", new { id = Tenant, name = "Crash School", timeZone = "UTC" });

        var admin = Token(issuer, Tenant, "admin-1", Roles.TenantAdmin);
        await PostAsync(http, admin, "/api/admin/courses", new { id = CourseId, title = "Physics" });
        await PostAsync(http, admin, "/api/admin/users", new { id = "teacher-1", displayName = "Teacher", email = "teacher@example.org", roles = new[] { Roles.Teacher } });
        await PostAsync(http, admin, $"/api/admin/courses/{CourseId}/enrollments", new { userId = "teacher-1", role = Roles.Teacher });
        for (var s = 0; s < Students; s++)
        {
            var user = StudentId(s);
            await PostAsync(http, admin, "/api/admin/users", new { id = user, displayName = user, email = $"{user}@example.org", roles = new[] { Roles.Student } });
            await PostAsync(http, admin, $"/api/admin/courses/{CourseId}/enrollments", new { userId = user, role = Roles.Student });
        }

        var teacher = Token(issuer, Tenant, "teacher-1", Roles.Teacher);
        await PostAsync(http, teacher, $"/api/teacher/courses/{CourseId}/assessments", new
        {
            id = AssessmentId,
            title = "Kinematics quiz",
            dueAt = DateTimeOffset.UtcNow.AddDays(1),
            graceSeconds = 0,
            release = new { mode = "immediate" },
            items = new object[]
            {
                new { id = "q1", type = "single-choice", prompt = "Unit of force?", choices = new[] { "N", "J" }, answer = "N", points = 2, skills = new[] { "units" } },
                new { id = "q2", type = "numeric", prompt = "g in m/s²?", answer = 9.81, tolerance = 0.01, points = 3, skills = new[] { "constants" } },
                new { id = "q3", type = "short-text", prompt = "Newton's first name?", answer = "Isaac", points = 5, skills = new[] { "history" } },
            },
        });
    }

    private async Task<IReadOnlyCollection<string>> BurstThenKillAsync(HttpClient http, LocalHostProcess host, LocalTokenIssuer issuer, IReadOnlyList<PlannedSubmission> plan, int? killAfterAcks)
    {
        var tokens = Enumerable.Range(0, Students).Select(s => Token(issuer, Tenant, StudentId(s), Roles.Student)).ToArray();
        var acknowledged = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        var unexpected = new ConcurrentQueue<string>();
        var acks = 0;
        var failedInFlight = 0;
        var inFlightAtKill = 0;
        var inFlight = 0;
        var killed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var killing = 0;
        var clock = Stopwatch.StartNew();
        using var gate = new SemaphoreSlim(Concurrency);
        var requests = new List<Task>();
        var issued = 0;
        foreach (var p in plan)
        {
            await gate.WaitAsync();
            if (Volatile.Read(ref killing) != 0)
            {
                gate.Release();
                break;
            }

            issued++;
            requests.Add(Task.Run(async () =>
            {
                Interlocked.Increment(ref inFlight);
                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/student/assessments/{AssessmentId}/submissions")
                    {
                        Content = JsonContent.Create(new { answers = p.Answers }, options: Json),
                    };
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens[p.Student]);
                    request.Headers.Add("Idempotency-Key", p.IdempotencyKey);
                    using var response = await http.SendAsync(request);
                    if (response.StatusCode != HttpStatusCode.Accepted)
                    {
                        unexpected.Enqueue($"{p.IdempotencyKey}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                        return;
                    }

                    var accepted = await response.Content.ReadFromJsonAsync<SubmissionAccepted>(Json);
                    // Recorded before the kill can happen: a 202 the client saw is an acknowledgement, full stop.
                    acknowledged[accepted!.SubmissionId] = true;
                    if (accepted.SubmissionId != p.SubmissionId)
                    {
                        unexpected.Enqueue($"{p.IdempotencyKey}: id {accepted.SubmissionId}, expected {p.SubmissionId}");
                    }

                    if (Interlocked.Increment(ref acks) == killAfterAcks)
                    {
                        Volatile.Write(ref killing, 1);
                        inFlightAtKill = Volatile.Read(ref inFlight) - 1;
                        await host.KillAsync();
                        killed.TrySetResult();
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    // Cut off by the kill: never acknowledged, so the client may not assume anything about it.
                    Interlocked.Increment(ref failedInFlight);
                }
                finally
                {
                    Interlocked.Decrement(ref inFlight);
                    gate.Release();
                }
            }));
        }

        await Task.WhenAll(requests);
        output.WriteLine($"burst: {issued} issued, {acknowledged.Count} acknowledged, {failedInFlight} cut off by SIGKILL " +
            $"({inFlightAtKill} in flight at the kill), {clock.Elapsed.TotalSeconds:F1} s");
        Assert.Empty(unexpected);
        if (killAfterAcks is not null)
        {
            Assert.True(killed.Task.IsCompleted, $"only {acks} acknowledgements; the kill never happened.");
        }

        return acknowledged.Keys.ToList();
    }

    private static async Task<Dictionary<string, StudentSubmissionView>> WaitForAllReleasedAsync(
        HttpClient http, LocalTokenIssuer issuer, IReadOnlyList<PlannedSubmission> submissions, LocalHostProcess host, TimeSpan patience, string stage)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var views = await ReadViewsAsync(http, issuer, submissions);
            var pending = views.Values.Where(v => v.Status != SubmissionStatus.Released).ToList();
            if (pending.Count == 0)
            {
                return views;
            }

            if (deadline.Elapsed > patience)
            {
                Assert.Fail($"{stage}: {pending.Count} acknowledged submissions not released after {patience}: " +
                    string.Join(", ", pending.Take(10).Select(v => $"{v.SubmissionId}={v.Status}")) +
                    Environment.NewLine + host.RecentOutput());
            }

            await Task.Delay(250);
        }
    }

    private static async Task<Dictionary<string, StudentSubmissionView>> ReadViewsAsync(HttpClient http, LocalTokenIssuer issuer, IReadOnlyList<PlannedSubmission> submissions)
    {
        var views = new ConcurrentDictionary<string, StudentSubmissionView>(StringComparer.Ordinal);
        var tokens = Enumerable.Range(0, Students).Select(s => Token(issuer, Tenant, StudentId(s), Roles.Student)).ToArray();
        await Parallel.ForEachAsync(submissions, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (p, ct) =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/student/submissions/{p.SubmissionId}");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens[p.Student]);
            using var response = await http.SendAsync(request, ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {p.SubmissionId}: {(int)response.StatusCode} {body}");
            views[p.SubmissionId] = JsonSerializer.Deserialize<StudentSubmissionView>(body, Json)!;
        });
        return new Dictionary<string, StudentSubmissionView>(views, StringComparer.Ordinal);
    }

    /// <summary>
    /// Waits until the gradebook is settled, then checks one row per student and each cell's score. A student with an
    /// acknowledged submission (<paramref name="withAck"/>) must have a released cell. A student whose every attempt was cut off by the kill (all in flight,
    /// none acknowledged: the burst's last window can hold both of a student's attempts) has either no submission
    /// ("not-submitted") or one committed before the kill whose 202 was lost, which must then be released like any other.
    /// </summary>
    private static async Task AssertGradebookAsync(
        HttpClient http, LocalTokenIssuer issuer, Dictionary<string, PlannedSubmission> expected, IReadOnlySet<string> withAck,
        LocalHostProcess host, TimeSpan patience)
    {
        var teacher = Token(issuer, Tenant, "teacher-1", Roles.Teacher);
        var notSubmitted = SubmissionStatus.NotSubmitted.Wire();
        var deadline = Stopwatch.StartNew();
        GradebookBody gradebook;
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/teacher/courses/{CourseId}/gradebook");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", teacher);
            using var response = await http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"gradebook: {(int)response.StatusCode} {body}");
            gradebook = JsonSerializer.Deserialize<GradebookBody>(body, Json)!;
            if (gradebook.Rows.All(r => r.Assessments.All(c =>
                    c.Status == SubmissionStatus.Released.Wire() || (c.Status == notSubmitted && !withAck.Contains(r.UserId)))))
            {
                break;
            }

            Assert.True(deadline.Elapsed < patience, $"gradebook not settled after {patience}: {body}{Environment.NewLine}{host.RecentOutput()}");
            await Task.Delay(250);
        }

        Assert.Equal(Students, gradebook.Rows.Count);
        Assert.Equal(Enumerable.Range(0, Students).Select(StudentId).Order(StringComparer.Ordinal), gradebook.Rows.Select(r => r.UserId).Order(StringComparer.Ordinal));
        foreach (var row in gradebook.Rows)
        {
            var cell = Assert.Single(row.Assessments);
            Assert.Equal(AssessmentId, cell.AssessmentId);
            Assert.Equal(MaxScore, cell.MaxScore);
            if (cell.Status == notSubmitted)
            {
                Assert.DoesNotContain(row.UserId, withAck);
                Assert.Null(cell.SubmissionId);
                continue;
            }

            // The counted attempt may be one whose 202 was lost in the kill (committed, never acknowledged); it is still this student's.
            Assert.True(expected.TryGetValue(cell.SubmissionId!, out var planned), $"unknown submission {cell.SubmissionId}");
            Assert.Equal(row.UserId, StudentId(planned.Student));
            Assert.Equal(planned.Score, cell.Score);
        }
    }

    /// <summary>
    /// Until every change-feed consumer's checkpoint in the host's SQLite file is at or past the newest change, and the newest
    /// change did not move meanwhile (handlers' own writes are changes too): read from the file while the host runs.
    /// </summary>
    private static async Task FeedSettledAsync(string dataDirectory, TimeSpan patience)
    {
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(dataDirectory, "edtech.db"),
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString();
        var deadline = DateTime.UtcNow + patience;
        var state = "";
        while (DateTime.UtcNow < deadline)
        {
            await using (var connection = new SqliteConnection(connectionString))
            {
                await connection.OpenAsync();
                var newest = await ScalarAsync(connection, "SELECT COALESCE(MAX(seq), 0) FROM documents");
                var consumers = await ScalarAsync(connection, "SELECT COUNT(*) FROM checkpoints");
                var behind = await ScalarAsync(connection, "SELECT COUNT(*) FROM checkpoints WHERE seq < $newest", newest);
                state = $"newest change {newest}, {behind} of {consumers} consumers behind it";
                if (consumers > 0 && behind == 0 && await ScalarAsync(connection, "SELECT COALESCE(MAX(seq), 0) FROM documents") == newest)
                {
                    return;
                }
            }

            await Task.Delay(50);
        }

        Assert.Fail($"The change feed did not settle within {patience}: {state}");
    }

    private static async Task<long> ScalarAsync(SqliteConnection connection, string sql, long newest = 0)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$newest", newest);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>What the store holds for each submission, read directly from the SQLite file while no host runs.</summary>
    private static async Task<Dictionary<string, (string ETag, string Status, decimal? Score, DateTimeOffset? GradedAt, DateTimeOffset? ReleasedAt)>> SnapshotAsync(
        string dataDirectory, IEnumerable<string> ids)
    {
        await using var store = SqliteDocumentStore.Open(new SqliteStoreOptions(Path.Combine(dataDirectory, "edtech.db")));
        var snapshot = new Dictionary<string, (string, string, decimal?, DateTimeOffset?, DateTimeOffset?)>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            var stored = await store.GetAsync<SubmissionRecord>(new TenantId(Tenant), id);
            Assert.NotNull(stored);
            snapshot[id] = (stored.ETag, stored.Value.Status.Wire(), stored.Value.Score, stored.Value.GradedAt, stored.Value.ReleasedAt);
        }

        return snapshot;
    }

    private static async Task PostAsync(HttpClient http, string token, string path, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body, options: Json) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static HttpClient NewClient(Uri baseAddress) =>
        new(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };

    private static string Token(LocalTokenIssuer issuer, string tenant, string user, string role) =>
        issuer.Mint(tenant, user, [role], TimeSpan.FromHours(1));

    private static string StudentId(int s) => $"student-{s:D2}";

    /// <summary>Submission i: student i mod 40, its own Idempotency-Key, answers (and so the score) varying with i.</summary>
    private sealed record PlannedSubmission(int Index, int Student, string IdempotencyKey, string SubmissionId, object[] Answers, decimal Score)
    {
        public static PlannedSubmission For(int i)
        {
            var student = i % Students;
            var key = $"burst-{i:D4}";
            var q1 = i % 2 == 0;
            var q2 = i % 3 == 0;
            var q3 = i % 5 != 0;
            object[] answers =
            [
                new { itemId = "q1", value = q1 ? "N" : "J" },
                new { itemId = "q2", value = q2 ? 9.81m : 10m },
                new { itemId = "q3", value = q3 ? "isaac" : "Albert" },
            ];
            var score = (q1 ? 2m : 0m) + (q2 ? 3m : 0m) + (q3 ? 5m : 0m);
            return new PlannedSubmission(i, student, key, SubmissionIds.For(StudentId(student), AssessmentId, key), answers, score);
        }
    }

    private sealed record CrashScenario(int Submissions, int KillAfterAcks, TimeSpan ReleasePatience, string[] HostArgs, bool RequireUnfinishedAtCrash = false, bool CheckStartupTime = true);

    private sealed record GradebookBody(string CourseId, IReadOnlyList<GradebookRowBody> Rows);

    private sealed record GradebookRowBody(string UserId, IReadOnlyList<GradebookCellBody> Assessments);

    private sealed record GradebookCellBody(string AssessmentId, string Status, decimal? Score, decimal MaxScore, string? SubmissionId);
}
