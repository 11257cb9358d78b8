using EdTech.Domain.Serialization;
using System.CommandLine;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Cli.Commands.Load;
using EdTech.Cli.Commands.Seed;
using EdTech.Domain.Submissions;
using EdTech.Domain.Tenancy;
using EdTech.Infrastructure.Storage.Sqlite;

namespace EdTech.Cli.Tests.Commands.Seed;

public sealed class ReleaseSeederTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "edt-seed-" + Guid.NewGuid().ToString("N")[..10]);

    [Fact]
    public async Task Seed_WritesGradedUnreleasedSubmissionsWithViews_AndMovesCaughtUpConsumersPastThem()
    {
        var result = await ReleaseSeeder.RunAsync(new ReleaseSeedOptions(_data, "rb", 25), CancellationToken.None);

        Assert.Equal(3, result.CheckpointsAdvanced);
        await using var store = SqliteDocumentStore.Open(new SqliteStoreOptions(Path.Combine(_data, "edtech.db")));
        var tenant = new TenantId("rb");
        var graded = await store.QueryAsync<SubmissionRecord>(tenant, DocumentQuery.Where("status", SubmissionStatus.Graded.Wire(), ReleaseSeeder.CourseId));
        Assert.Equal(25, graded.Count);
        Assert.All(graded, s => Assert.Equal(ReleaseSeeder.AssessmentId, s.Value.AssessmentId));
        var view = (await store.GetAsync<SubmissionView>(tenant, ReleaseSeeder.SubmissionId(24)))!.Value;
        Assert.Equal((ReleaseSeeder.StudentId(24), SubmissionStatus.Graded, ReleaseSeeder.ExpectedScore(24)), (view.UserId, view.Status, view.Score));
        Assert.NotNull(await store.GetAsync<TenantRecord>(TenantId.Platform, "rb"));
        foreach (var consumer in ReleaseSeeder.Consumers)
        {
            Assert.Empty(await store.ReadAsync(await store.GetCheckpointAsync(consumer), 10));
        }
    }

    [Theory]
    [InlineData("load release --url http://127.0.0.1:7071 --data /tmp/x --submissions 100000", 0)]
    [InlineData("load release --url http://127.0.0.1:7071 --timeout-seconds 0", 1)]
    [InlineData("seed release --data /tmp/x --submissions 0", 1)]
    public void Parse_ReleaseBenchmarkCommands(string line, int errors)
    {
        var root = new RootCommand { LoadCommand.Create(), SeedCommand.Create() };

        Assert.Equal(errors > 0, root.Parse(line).Errors.Count > 0);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
