using System.Net;
using EdTech.Application.Caching;
using EdTech.Application.ChangeFeed;
using EdTech.Application.Projections;
using EdTech.Application.Storage;
using EdTech.Bff.Tests.Assessments;
using EdTech.Bff.Tests.Infrastructure;
using EdTech.Bff.Tests.Query;
using EdTech.Domain.Tenancy;
using Microsoft.Extensions.DependencyInjection;

namespace EdTech.Bff.Tests.Grading;

/// <summary>
/// The commands that change a submission show the change in the student's view and the teacher's gradebook themselves
/// (<see cref="ResultsShown"/>); the feed's submission projection, a deferrable part of submission-insights, only repairs. Here
/// that part's writes are held for the whole test, so whatever the student and the teacher see was written by the command.
/// </summary>
public sealed class ResultsShownByCommandsTests(ResultsShownByCommandsTests.HeldProjectionFactory factory) : IClassFixture<ResultsShownByCommandsTests.HeldProjectionFactory>
{
    [Fact]
    public async Task AnEssayAwaitingReview_ThenATeachersGrade_AreShownByTheGradingSteps_WithTheFeedProjectionHeld()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        Assert.Equal(HttpStatusCode.Created, (await school.Client.PostAsync($"/api/teacher/courses/{school.Course}/assessments", school.Teacher, School.QuizBody("essay1", withEssay: true))).Status);
        var submissionId = await school.SubmitAsync(school.Student1, TeacherGradingTests.EssayAnswers, "essay1");
        // Shown by the grading batch, which left it awaiting review.
        await school.WaitForStatusAsync(school.Student1, submissionId, "awaiting-review");
        var (_, _, read) = await school.Client.GetAsync($"/api/teacher/submissions/{submissionId}", school.Teacher);

        using var grade = ApiClient.Request(HttpMethod.Post, $"/api/teacher/submissions/{submissionId}/grades", school.Teacher,
            new { itemScores = new[] { new { itemId = "e1", score = 4m } } });
        grade.Headers.TryAddWithoutValidation("If-Match", read.Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.OK, (await school.Client.SendAsync(grade)).StatusCode);

        // Read once, right after the response: the grade is in the gradebook and the student's view already.
        var (_, gradebook, _) = await school.Client.GetAsync($"/api/teacher/courses/{school.Course}/gradebook", school.Teacher);
        var cell = GradingSchemeTests.Row(gradebook, "s1").GetProperty("assessments").EnumerateArray().Single(c => c.GetProperty("assessmentId").GetString() == "essay1");
        Assert.Equal(("released", 9m), (cell.GetProperty("status").GetString(), cell.GetProperty("score").GetDecimal()));
        var (_, view, _) = await school.Client.GetAsync($"/api/student/submissions/{submissionId}", school.Student1);
        Assert.Equal(("released", 9m), (view.GetProperty("status").GetString(), view.GetProperty("score").GetDecimal()));
    }

    [Fact]
    public void TheFeedsViewsPart_IsTheHeldProjection()
    {
        var insights = factory.Services.GetServices<IChangeFeedHandler>().OfType<SubmissionInsights>().Single();

        Assert.Same(factory.Services.GetRequiredService<SubmissionProjection>(), insights.Parts[0]);
    }

    [Fact]
    public async Task ARegrade_IsShownByItsChunks_WithTheFeedProjectionHeld()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var submissionId = await school.SubmitAsync(school.Student1, AssessmentEditTests.OneWrong);
        Assert.Equal(4m, (await school.WaitForStatusAsync(school.Student1, submissionId)).GetProperty("score").GetDecimal());
        var (etag, _) = await AssessmentEditTests.GetAsync(school, school.Quiz);

        var (status, body, _) = await AssessmentEditTests.PutAsync(school, school.Quiz, AssessmentEditTests.Edited(school.Quiz, q1Key: "3"), etag);

        Assert.True(status == HttpStatusCode.OK, $"{status} {body}");
        Assert.Equal("released", (await AssessmentEditTests.WaitForScoreAsync(school, submissionId, 5m)).GetProperty("status").GetString());
    }

    /// <summary>The LocalHost with the submission projection's writes held until the factory is disposed.</summary>
    public sealed class HeldProjectionFactory : ApiFactory
    {
        public HeldProjectionFactory()
        {
            TestServices = s => s.AddSingleton(p => new SubmissionProjection(Held.Over(p.GetRequiredService<IDocumentStore>()), p.GetRequiredService<TeacherQueryCache>()));
        }

        public HeldWrites Held { get; } = new();

        protected override void Dispose(bool disposing)
        {
            Held.Release();
            base.Dispose(disposing);
        }
    }

    /// <summary>A store whose reads pass and whose writes wait until <see cref="Release"/> (or their caller's cancellation).</summary>
    public sealed class HeldWrites
    {
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => _released.TrySetResult();

        public IDocumentStore Over(IDocumentStore inner) => new Store(inner, this);

        private Task WaitAsync(CancellationToken ct) => _released.Task.WaitAsync(ct);

        private sealed class Store(IDocumentStore inner, HeldWrites hold) : IDocumentStore
        {
            public Task<StoredDocument?> GetAsync(TenantId tenant, string container, string id, CancellationToken cancellationToken = default) =>
                inner.GetAsync(tenant, container, id, cancellationToken);

            public Task<IReadOnlyList<StoredDocument>> QueryAsync(TenantId tenant, string container, DocumentQuery query, CancellationToken cancellationToken = default) =>
                inner.QueryAsync(tenant, container, query, cancellationToken);

            public async Task<WriteResult> CreateAsync(TenantId tenant, string container, string id, string partition, string json, CancellationToken cancellationToken = default)
            {
                await hold.WaitAsync(cancellationToken).ConfigureAwait(false);
                return await inner.CreateAsync(tenant, container, id, partition, json, cancellationToken).ConfigureAwait(false);
            }

            public async Task<WriteResult> ReplaceAsync(TenantId tenant, string container, string id, string partition, string json, string? ifMatch, CancellationToken cancellationToken = default)
            {
                await hold.WaitAsync(cancellationToken).ConfigureAwait(false);
                return await inner.ReplaceAsync(tenant, container, id, partition, json, ifMatch, cancellationToken).ConfigureAwait(false);
            }

            public async Task<bool> DeleteAsync(TenantId tenant, string container, string id, string? ifMatch = null, CancellationToken cancellationToken = default)
            {
                await hold.WaitAsync(cancellationToken).ConfigureAwait(false);
                return await inner.DeleteAsync(tenant, container, id, ifMatch, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
