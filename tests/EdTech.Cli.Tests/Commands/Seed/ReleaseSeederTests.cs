using EdTech.Domain.Serialization;
using System.CommandLine;
using EdTech.Application.Records;
using EdTech.Application.Records.Views;
using EdTech.Application.Storage;
using EdTech.Cli.Commands.Load;
using EdTech.Cli.Commands.Seed;
using EdTech.Domain.Submissions;
using EdTech.Domain.Tenancy;
using EdTech.Testing;

namespace EdTech.Cli.Tests.Commands.Seed;

public sealed class ReleaseSeederTests : IAsyncLifetime
{
    private readonly TempSqliteStore _temp = new("edt-seed");

    [Fact]
    public async Task Seed_WritesGradedUnreleasedSubmissionsWithViews_AndMovesCaughtUpConsumersPastThem()
    {
        var result = await ReleaseSeeder.RunAsync(new ReleaseSeedOptions(_temp.Directory, "rb", 25), CancellationToken.None);

        Assert.Equal(3, result.CheckpointsAdvanced);
        // The seeder has closed its store: this opens the file it wrote.
        var store = _temp.Store;
        var tenant = new TenantId("rb");
        var graded = await store.QueryAsync<SubmissionRecord>(tenant, DocumentQuery.Where("status", SubmissionStatus.Graded.Wire(), ReleaseSeeder.CourseId));
        Assert.Equal(25, graded.Count);
        Assert.All(graded, s => Assert.Equal(ReleaseSeeder.AssessmentId, s.Value.AssessmentId));
        var view = (await store.GetAsync<SubmissionViewRecord>(tenant, ReleaseSeeder.SubmissionId(24)))!.Value;
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

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _temp.DisposeAsync().AsTask();
}
