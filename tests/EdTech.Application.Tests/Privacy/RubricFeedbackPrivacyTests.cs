using EdTech.Application.Projections;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Grading;
using EdTech.Domain.Submissions;

namespace EdTech.Application.Tests.Privacy;

/// <summary>The levels and comments a teacher chose for a student are student data: exported with the student, erased with them.</summary>
public sealed class RubricFeedbackPrivacyTests : IAsyncLifetime
{
    private const string Comment = "Your thesis about Babbage is clear";

    private readonly ErasureWorld _world = new();

    public Task InitializeAsync() => _world.InitializeAsync();

    public Task DisposeAsync() => _world.DisposeAsync();

    private async Task SeedRubricScoredSubmissionAsync()
    {
        var rubric = new RubricScore("essay-r", 2, [new CriterionScore("content", "great", 3, Comment), new CriterionScore("style", "weak", 0)]);
        var submission = new SubmissionRecord("sub-rubric", "essay1", 1, ErasureWorld.Course, "s1", [new SubmittedAnswer("e1", null)],
            ErasureWorld.Start, false, SubmissionStatus.Graded, 5, ItemScores: [new ItemScore("e1", 3, 5, Rubric: rubric)], RawScore: 3, Score: 3);
        await _world.Raw.CreateAsync(ErasureWorld.Tenant, submission);
        await _world.Raw.CreateAsync(ErasureWorld.Tenant, SubmissionViews.ToView(submission, 1));
    }

    [Fact]
    public async Task Export_HoldsTheChosenLevelsAndComments_InTheSubmissionAndItsView()
    {
        await SeedRubricScoredSubmissionAsync();

        var export = (await _world.ExportAsync()).Value!;

        foreach (var container in new[] { Containers.Submissions, Containers.SubmissionViews })
        {
            var doc = Assert.Single(export.Containers[container], d => d.GetProperty("id").GetString() == "sub-rubric");
            Assert.Contains(Comment, doc.ToString(), StringComparison.Ordinal);
            Assert.Contains("\"great\"", doc.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Erase_LeavesNoChosenLevelOrCommentAnywhereInTheTenant()
    {
        await SeedRubricScoredSubmissionAsync();

        Assert.True((await _world.EraseAsync()).IsSuccess);

        foreach (var container in Containers.All)
        {
            var documents = await _world.Raw.QueryAsync(ErasureWorld.Tenant, container, DocumentQuery.All);
            Assert.DoesNotContain(documents, d => d.Json.Contains(Comment, StringComparison.Ordinal));
        }
    }
}
