using System.Net;
using EdTech.Application.Audit;
using EdTech.Application.Outbox;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Bff.Tests.Infrastructure;
using EdTech.Domain.Tenancy;
using Microsoft.Extensions.DependencyInjection;

namespace EdTech.Bff.Tests.Grading;

/// <summary>A teacher's grade that loses the race between the handler's read and its conditional write.</summary>
public sealed class TeacherGradingRaceTests : IClassFixture<TeacherGradingRaceTests.RacingApiFactory>
{
    private readonly RacingApiFactory _factory;

    public TeacherGradingRaceTests(RacingApiFactory factory) => _factory = factory;

    [Fact]
    public async Task GradeLosingTheRaceAfterItsAuditEntriesWereWritten_Is412_AndTheAuditCancelsThem()
    {
        var school = await School.CreateAsync(_factory, _factory.CreateClient());
        Assert.Equal(HttpStatusCode.Created, (await school.Client.PostAsync($"/api/teacher/courses/{school.Course}/assessments", school.Teacher, School.QuizBody("essay1", withEssay: true))).Status);
        var submissionId = await school.SubmitAsync(school.Student1, new { answers = new object[] { new { itemId = "e1", value = "Because." } } }, "essay1");
        await school.WaitForStatusAsync(school.Student1, submissionId, "awaiting-review");
        var etag = (await school.Client.GetAsync($"/api/teacher/submissions/{submissionId}", school.Teacher)).Response.Headers.ETag!.ToString();

        _factory.Racing!.TouchBeforeNextReplaceOf = submissionId;
        using var request = ApiClient.Request(HttpMethod.Post, $"/api/teacher/submissions/{submissionId}/grades", school.Teacher,
            new { itemScores = new[] { new { itemId = "e1", score = 4m } } });
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        var response = await school.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        var audit = await _factory.Services.GetRequiredService<IAuditLog>().AboutAsync(new TenantId(school.Tenant), "s1", CancellationToken.None);
        Assert.Contains(audit, e => e.Id == GradeAudit.TeacherItemId(submissionId, "e1", etag));
        var teacherChanges = audit.Where(e => e.Action == AuditActions.GradeChanged && e.ActorUserId == "t1").ToList();
        Assert.Equal(2, teacherChanges.Count); // the essay item and the total, both written ahead of the lost write
        foreach (var written in teacherChanges)
        {
            var cancel = Assert.Single(audit, e => e.Action == AuditActions.GradeChangeNotApplied && e.Id == written.Id + ":not-applied");
            Assert.Equal((written.New, written.Old, "t1", written.Resource), (cancel.Old, cancel.New, cancel.ActorUserId, cancel.Resource));
            Assert.Contains(written.Id, cancel.Reason, StringComparison.Ordinal);
        }

        // Its grade-changed event, written ahead too, is cancelled: the outbox never publishes a change that did not happen.
        var gradeChanged = await _factory.Services.GetRequiredService<IDocumentStore>().GetAsync<IntegrationEventRecord>(
            new TenantId(school.Tenant), $"grade-changed:{submissionId}:{IntegrationEvents.TeacherCause(etag)}");
        Assert.Equal(IntegrationEventStatus.Cancelled, gradeChanged!.Value.Status);
    }

    public sealed class RacingApiFactory : ApiFactory
    {
        public RacingApiFactory() => StoreDecorator = inner => Racing = new RacingStore(inner);

        public RacingStore? Racing { get; private set; }
    }

    /// <summary>Before the armed submission's next replace, rewrites it unchanged: its ETag moves, so the replace gets 412.</summary>
    public sealed class RacingStore(IDocumentStore inner) : IDocumentStore
    {
        public string? TouchBeforeNextReplaceOf { get; set; }

        public Task<StoredDocument?> GetAsync(TenantId tenant, string container, string id, CancellationToken cancellationToken = default) =>
            inner.GetAsync(tenant, container, id, cancellationToken);

        public Task<WriteResult> CreateAsync(TenantId tenant, string container, string id, string partition, string json, CancellationToken cancellationToken = default) =>
            inner.CreateAsync(tenant, container, id, partition, json, cancellationToken);

        public async Task<WriteResult> ReplaceAsync(TenantId tenant, string container, string id, string partition, string json, string? ifMatch, CancellationToken cancellationToken = default)
        {
            if (container == Containers.Submissions && id == TouchBeforeNextReplaceOf)
            {
                TouchBeforeNextReplaceOf = null;
                var current = (await inner.GetAsync(tenant, container, id, cancellationToken))!;
                await inner.ReplaceAsync(tenant, container, id, current.Partition, current.Json, current.ETag, cancellationToken);
            }

            return await inner.ReplaceAsync(tenant, container, id, partition, json, ifMatch, cancellationToken);
        }

        public Task<bool> DeleteAsync(TenantId tenant, string container, string id, string? ifMatch = null, CancellationToken cancellationToken = default) =>
            inner.DeleteAsync(tenant, container, id, ifMatch, cancellationToken);

        public Task<IReadOnlyList<StoredDocument>> QueryAsync(TenantId tenant, string container, DocumentQuery query, CancellationToken cancellationToken = default) =>
            inner.QueryAsync(tenant, container, query, cancellationToken);
    }
}
