using EdTech.Application.Assessments.Lifecycle;
using EdTech.Application.Common;
using EdTech.Application.Lists;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Application.Tests.Submissions;

namespace EdTech.Application.Tests.Lifecycle;

/// <summary>Drafts on SQLite: filtered in the store query (pages stay full), old documents without a state are published, If-Match, events.</summary>
public sealed class AssessmentStateTests : IAsyncLifetime
{
    private readonly LifecycleWorld _world = new();

    public Task InitializeAsync() => _world.InitializeAsync();

    public Task DisposeAsync() => _world.DisposeAsync();

    private ListCourseAssessmentsHandler Lists => new(_world.Store, _world.Access(_world.Store), _world.Clock);

    [Fact]
    public async Task StudentList_FiltersDraftsInTheStore_SoEveryPageIsFull_AndOldDocumentsWithoutAStateArePublished()
    {
        await _world.AddAssessmentAsync("a1", AssessmentStates.Draft);
        var legacy = await _world.AddAssessmentAsync("a2");
        await _world.AddAssessmentAsync("a3", AssessmentStates.Draft);
        await _world.AddAssessmentAsync("a4", AssessmentStates.Published);
        await _world.AddAssessmentAsync("a5", AssessmentStates.Draft);

        var first = (await Lists.ForStudentAsync(_world.Student, SubmitWorld.Course, "1", null, CancellationToken.None)).Value!;
        var second = (await Lists.ForStudentAsync(_world.Student, SubmitWorld.Course, "1", first.Next, CancellationToken.None)).Value!;
        var teacher = (await Lists.ForTeacherAsync(_world.Teacher, SubmitWorld.Course, null, null, CancellationToken.None)).Value!;

        Assert.DoesNotContain("\"state\"", TypedDocumentStore.Serialize(legacy), StringComparison.Ordinal);
        Assert.Equal(["a2"], first.Items.Select(i => i.AssessmentId));
        Assert.Equal(["a4"], second.Items.Select(i => i.AssessmentId));
        Assert.Null(second.Next);
        Assert.Equal([false, true, false, true, false], teacher.Items.Select(i => i.Published));
    }

    [Fact]
    public async Task Unpublish_WithAStaleIfMatch_Is412_AndWritesNothing()
    {
        await _world.AddAssessmentAsync();
        var stored = await _world.Store.GetAsync<AssessmentRecord>(LifecycleWorld.Tenant, "quiz1", SubmitWorld.Course);

        var stale = await _world.States().UnpublishAsync(_world.Teacher, SubmitWorld.Course, "quiz1", "\"stale\"", CancellationToken.None);
        var current = await _world.States().UnpublishAsync(_world.Teacher, SubmitWorld.Course, "quiz1", stored!.ETag, CancellationToken.None);

        Assert.Equal(ProblemKind.PreconditionFailed, stale.Problem?.Kind);
        Assert.True(current.IsSuccess);
        Assert.Equal(AssessmentStates.Draft, (await _world.AssessmentAsync()).State);
    }

    [Fact]
    public async Task Publish_WritesTheAssessmentPublishedEvent_UnpublishWritesNone_AndBothAreAudited()
    {
        await _world.AddAssessmentAsync("d1", AssessmentStates.Draft);

        await _world.States().PublishAsync(_world.Teacher, SubmitWorld.Course, "d1", null, CancellationToken.None);
        var afterPublish = await EventsAsync();
        await _world.States().UnpublishAsync(_world.Teacher, SubmitWorld.Course, "d1", null, CancellationToken.None);

        Assert.Single(afterPublish);
        Assert.Single(await EventsAsync());
        var audit = (await _world.Store.QueryAsync<AuditEntry>(LifecycleWorld.Tenant, DocumentQuery.InPartition("course:" + SubmitWorld.Course))).Select(a => a.Value.Action).Order(StringComparer.Ordinal);
        Assert.Equal(["assessment.published", "assessment.unpublished"], audit);
    }

    [Fact]
    public async Task StudentRead_OfADraft_IsNotFound()
    {
        await _world.AddAssessmentAsync("d1", AssessmentStates.Draft);
        var handler = new Assessments.GetStudentAssessmentHandler(new Assessments.AssessmentLookup(_world.Store, _world.Clock), _world.Access(_world.Store));

        var outcome = await handler.HandleAsync(_world.Student, "d1", CancellationToken.None);

        Assert.Equal(ProblemKind.NotFound, outcome.Problem?.Kind);
    }

    private async Task<IReadOnlyList<StoredDocument>> EventsAsync() =>
        await _world.Store.QueryAsync(LifecycleWorld.Tenant, Containers.IntegrationEvents, DocumentQuery.InPartition("course:" + SubmitWorld.Course));
}
