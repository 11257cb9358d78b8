using EdTech.Application.Grading;
using EdTech.Application.Storage;
using EdTech.Domain.Submissions;

namespace EdTech.Application.Tests.Grading;

/// <summary>The change-feed consumer that starts grading: accepted submissions only, one workflow each.</summary>
public sealed class StartGradingOnSubmissionTests : IAsyncLifetime
{
    private readonly GradingWorld _world = new();

    public Task InitializeAsync() => _world.InitializeAsync();

    public Task DisposeAsync() => _world.DisposeAsync();

    [Fact]
    public async Task Handle_AcceptedSubmissions_StartTheirGrading_OtherStatusesNot()
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

        Assert.Equal(["school-a:s-1", "school-a:s-3"], _world.Workflows.Gradings.Order(StringComparer.Ordinal));
    }
}
