using EdTech.Application.Audit;
using EdTech.Application.Common;
using EdTech.Application.Grading;
using EdTech.Application.Grading.Release;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Assessments;

namespace EdTech.Application.Tests.Grading;

/// <summary>A teacher's "release now": durable before the 202 (audit entry, release record, ReleasedAt).</summary>
public sealed class ReleaseAssessmentHandlerTests : IAsyncLifetime
{
    private readonly GradingWorld _world = new();
    private readonly Caller _teacher = new(GradingWorld.Tenant, "t1", new HashSet<string> { "teacher" });

    public Task InitializeAsync() => _world.InitializeAsync();

    public Task DisposeAsync() => _world.DisposeAsync();

    private ReleaseAssessmentHandler Handler() => new(_world.Store, new AuditLog(_world.Store), _world.Releaser(), _world.Clock);

    [Fact]
    public async Task Handle_UnknownAssessment_IsNotFoundAndWritesNothing()
    {
        var outcome = await Handler().HandleAsync(_teacher, "nope", default);

        Assert.Equal(ProblemKind.NotFound, outcome.Problem?.Kind);
        Assert.Contains("assessment", outcome.Problem!.Detail, StringComparison.Ordinal);
        Assert.Empty(await _world.AllAsync<AuditEntry>());
        Assert.Empty(await _world.AllAsync<AssessmentReleaseRecord>());
    }

    [Fact]
    public async Task Handle_Assessment_AuditsTheRequestMarksItReleasedAndAnswersReleasing()
    {
        await _world.AddAssessmentAsync("quiz1", GradingWorld.Policy(ReleasePolicy.Manual));

        var outcome = await Handler().HandleAsync(_teacher, "quiz1", default);

        Assert.Equal(new ReleaseAccepted("quiz1", "releasing"), outcome.Value);
        var entry = Assert.Single(await _world.AllAsync<AuditEntry>());
        Assert.Equal((GradeAudit.AssessmentReleaseId("quiz1"), "t1", "unreleased", GradingWorld.Now), (entry.Id, entry.ActorUserId, entry.Old, entry.At));
        Assert.Equal(GradingWorld.Now, (await _world.AssessmentAsync("quiz1")).ReleasedAt);
        Assert.NotNull(await _world.Store.GetAsync<AssessmentReleaseRecord>(GradingWorld.Tenant, "quiz1", GradingWorld.Course));
    }
}
