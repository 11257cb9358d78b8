using EdTech.Application.Grading;
using EdTech.Application.Storage;
using EdTech.Domain.Submissions;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Tests.Grading;

/// <summary>The change-feed consumer that starts grading: accepted submissions only, in batches per tenant of at most Grading:BatchSize.</summary>
public sealed class StartGradingOnSubmissionTests : IAsyncLifetime
{
    private readonly GradingWorld _world = new();

    public Task InitializeAsync() => _world.InitializeAsync();

    public Task DisposeAsync() => _world.DisposeAsync();

    [Fact]
    public async Task Handle_AcceptedSubmissions_StartOneBatch_OtherStatusesNot()
    {
        await _world.AddSubmissionAsync("s-1", "quiz1", SubmissionStatus.Accepted);
        await _world.AddSubmissionAsync("s-2", "quiz1", SubmissionStatus.Graded);
        await _world.AddSubmissionAsync("s-3", "quiz1", SubmissionStatus.Accepted);
        await _world.AddSubmissionAsync("s-4", "quiz1", SubmissionStatus.Released);
        var changes = new List<StoredDocument>();
        foreach (var id in new[] { "s-1", "s-2", "s-3", "s-4" })
        {
            changes.Add(await _world.DocumentAsync(Containers.Submissions, id));
        }

        await new StartGradingOnSubmission(_world.Workflows).HandleAsync(changes, default);

        Assert.Equal(["school-a:s-1,s-3"], _world.Workflows.Batches);
        Assert.Empty(_world.Workflows.Gradings);
    }

    [Fact]
    public async Task Handle_TwoTenants_OneBatchPerTenantChunk_NeverMixingTenants_NeverLargerThanTheBatchSize()
    {
        var schoolB = new TenantId("school-b");
        var changes = new List<StoredDocument>();
        foreach (var (id, tenant) in new[] { ("a-1", GradingWorld.Tenant), ("b-1", schoolB), ("a-2", GradingWorld.Tenant), ("a-3", GradingWorld.Tenant), ("b-2", schoolB) })
        {
            await _world.AddSubmissionAsync(id, "quiz1", SubmissionStatus.Accepted, tenant);
            changes.Add(await _world.DocumentAsync(Containers.Submissions, id, tenant));
        }

        // The same document twice in one delivery is graded once.
        changes.Add(changes[0]);

        await new StartGradingOnSubmission(_world.Workflows, new GradingBatchSettings(2)).HandleAsync(changes, default);

        Assert.Equal(["school-a:a-1,a-2", "school-a:a-3", "school-b:b-1,b-2"], _world.Workflows.Batches.Order(StringComparer.Ordinal));
    }
}
