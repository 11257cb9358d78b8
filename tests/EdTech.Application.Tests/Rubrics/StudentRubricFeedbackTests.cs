using EdTech.Application.Common;
using EdTech.Application.Projections;
using EdTech.Application.Records;
using EdTech.Application.Rubrics;
using EdTech.Application.Storage;
using EdTech.Application.Submissions;
using EdTech.Domain.Grading;
using EdTech.Domain.Rubrics;
using EdTech.Domain.Submissions;
using EdTech.Domain.Tenancy;
using EdTech.Infrastructure.Storage.Sqlite;
using EdTech.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace EdTech.Application.Tests.Rubrics;

/// <summary>The student's submission read on the real SQLite store: rubric feedback only once the assessment is released, from the version scored with.</summary>
public sealed class StudentRubricFeedbackTests : IAsyncLifetime
{
    private static readonly TenantId Tenant = new("school-a");
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly TempSqliteStore _temp = new("rubric-feedback");
    private ServiceProvider _services = null!;
    private IDocumentStore _store = null!;

    private static Rubric Essay(decimal great) => new("essay-r", "Essay", null,
    [
        new RubricCriterion("content", "Content", "Argument", [new("good", "Good", null, 2), new("great", "Great", null, great)]),
        new RubricCriterion("style", "Style", null, [new("weak", "Weak", null, 0), new("strong", "Strong", null, 2)]),
    ]);

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_temp.Directory);
        _services = new ServiceCollection().AddSqliteDocumentStore(_temp.Options).BuildServiceProvider();
        _store = _services.GetRequiredService<IDocumentStore>();

        // Version 1 (great = 3) frozen, version 2 (great = 8) current: the score below was made with version 1.
        var current = new RubricRecord("essay-r", "math101", 2, Essay(8), "t1", Now, Now);
        await _store.CreateAsync(Tenant, current);
        await _store.CreateAsync(Tenant, RubricVersionRecord.Of(current with { Version = 1, Rubric = Essay(3) }));
        var rubric = new RubricScore("essay-r", 1, [new CriterionScore("content", "great", 3, "Clear"), new CriterionScore("style", "weak", 0)]);
        var submission = new SubmissionRecord("sub1", "essay1", 1, "math101", "s1", [], Now, false, SubmissionStatus.Graded, 5,
            ItemScores: [new ItemScore("q1", 1, 1), new ItemScore("e1", 3, 5, Rubric: rubric)], RawScore: 4, Score: 4);
        await _store.CreateAsync(Tenant, SubmissionViews.ToView(submission, 1));
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _temp.DisposeAsync();
    }

    private async Task<StudentSubmissionView> ReadAsync() =>
        (await new GetStudentSubmissionHandler(_store).HandleAsync(new Caller(Tenant, "s1", new HashSet<string> { Roles.Student }), "sub1", CancellationToken.None)).Value!;

    [Fact]
    public async Task Read_GradedButNotReleased_HasNoRubricFeedback()
    {
        var view = await ReadAsync();

        Assert.Equal(SubmissionStatus.Graded, view.Status);
        Assert.Null(view.Rubrics);
        Assert.Null(view.Score);
    }

    [Fact]
    public async Task Read_Released_ShowsTheVersionScoredWith_AllLevels_TheChoiceAndComment()
    {
        await _store.CreateAsync(Tenant, new AssessmentReleaseRecord("essay1", "math101", Now));

        var feedback = Assert.Single((await ReadAsync()).Rubrics!);

        Assert.Equal(("e1", 1, 3m, 5m, 3m), (feedback.ItemId, feedback.RubricVersion, feedback.RubricPoints, feedback.RubricMaxPoints, feedback.Score));
        var content = feedback.Criteria[0];
        Assert.Equal(("Content", "Argument", "great", "Clear"), (content.Title, content.Description, content.ChosenLevelId, content.Comment));
        Assert.Equal([2m, 3m], content.Levels.Select(l => l.Points).ToArray());
    }
}
