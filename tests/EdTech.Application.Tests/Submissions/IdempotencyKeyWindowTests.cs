using EdTech.Application.Common;
using EdTech.Application.Submissions;

namespace EdTech.Application.Tests.Submissions;

/// <summary>
/// An Idempotency-Key is reserved for 24 hours from the submission that used it: within, another body is 422; after,
/// another body is a new submission; the same body is the original at any age. With and without maxAttempts.
/// </summary>
public sealed class IdempotencyKeyWindowTests : IAsyncLifetime
{
    private static readonly TimeSpan JustInside = IdempotencyKeyWindow.Length - TimeSpan.FromSeconds(1);
    private readonly SubmitWorld _world = new();

    public Task InitializeAsync() => _world.InitializeAsync();

    public Task DisposeAsync() => _world.DisposeAsync();

    [Theory]
    [InlineData(null)]
    [InlineData(5)]
    public async Task Handle_SameKeyOtherBodyJustInsideTheWindow_IsInvalidNamingTheHeader(int? maxAttempts)
    {
        await _world.AddAssessmentAsync(SubmitWorld.Quiz(maxAttempts));
        await _world.SubmitAsync(SubmitWorld.Answers(q1: "a"), key: "k1");
        _world.Clock.Advance(JustInside);

        var other = await _world.SubmitAsync(SubmitWorld.Answers(q1: "b"), key: "k1");

        Assert.Equal(ProblemKind.Validation, other.Problem?.Kind);
        Assert.True(other.Problem!.Errors!.ContainsKey("Idempotency-Key"));
        Assert.Single(await _world.SubmissionsAsync());
    }

    [Theory]
    [InlineData(null)]
    [InlineData(5)]
    public async Task Handle_SameKeyOtherBodyAfterTheWindow_IsANewSubmission_AndEachBodyRetriesToItsOwn(int? maxAttempts)
    {
        await _world.AddAssessmentAsync(SubmitWorld.Quiz(maxAttempts));
        var first = await _world.SubmitAsync(SubmitWorld.Answers(q1: "a"), key: "k1");
        _world.Clock.Advance(IdempotencyKeyWindow.Length);

        var second = await _world.SubmitAsync(SubmitWorld.Answers(q1: "b"), key: "k1");
        var retryOfSecond = await _world.SubmitAsync(SubmitWorld.Answers(q1: "b"), key: "k1");
        var retryOfFirst = await _world.SubmitAsync(SubmitWorld.Answers(q1: "a"), key: "k1");
        var thirdBodyInsideTheSecondsWindow = await _world.SubmitAsync(SubmitWorld.Answers(q1: "c"), key: "k1");

        Assert.True(second.Created);
        Assert.NotEqual(first.Value!.SubmissionId, second.Value!.SubmissionId);
        Assert.Equal((false, second.Value.SubmissionId), (retryOfSecond.Created, retryOfSecond.Value!.SubmissionId));
        Assert.Equal((false, first.Value.SubmissionId), (retryOfFirst.Created, retryOfFirst.Value!.SubmissionId));
        Assert.Equal(ProblemKind.Validation, thirdBodyInsideTheSecondsWindow.Problem?.Kind);
        var stored = await _world.SubmissionsAsync();
        Assert.Equal(2, stored.Count);
        Assert.All(stored, s => Assert.Equal("k1", s.IdempotencyKey));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(5)]
    public async Task Handle_SameKeySameBodyDaysLater_IsTheOriginal(int? maxAttempts)
    {
        await _world.AddAssessmentAsync(SubmitWorld.Quiz(maxAttempts));
        var first = await _world.SubmitAsync(SubmitWorld.Answers(), key: "k1");
        _world.Clock.Advance(TimeSpan.FromDays(9));

        var retry = await _world.SubmitAsync(SubmitWorld.Answers(), key: "k1");

        Assert.Equal((false, first.Value!.SubmissionId), (retry.Created, retry.Value!.SubmissionId));
        Assert.Single(await _world.SubmissionsAsync());
    }

    [Fact]
    public async Task Handle_KeyReusedMoreThanMaxUses_IsInvalidNamingTheHeader()
    {
        await _world.AddAssessmentAsync(SubmitWorld.Quiz());
        for (var n = 0; n < IdempotencyKeyWindow.MaxUses; n++)
        {
            Assert.True((await _world.SubmitAsync(SubmitWorld.Answers(q2: n), key: "k1")).Created);
            _world.Clock.Advance(IdempotencyKeyWindow.Length);
        }

        var oneMore = await _world.SubmitAsync(SubmitWorld.Answers(q2: 99), key: "k1");

        Assert.Equal(ProblemKind.Validation, oneMore.Problem?.Kind);
        Assert.Contains("new key", oneMore.Problem!.Errors!["Idempotency-Key"][0], StringComparison.Ordinal);
        Assert.Equal(IdempotencyKeyWindow.MaxUses, (await _world.SubmissionsAsync()).Count);
    }

    [Fact]
    public void For_LaterUsesOfAKey_AreDistinctIds_AndUseZeroIsTheOriginalId()
    {
        var ids = Enumerable.Range(0, 4).Select(n => SubmissionIds.For("u", "a", "k", n)).ToList();

        Assert.Equal(SubmissionIds.For("u", "a", "k"), ids[0]);
        Assert.Equal(4, ids.Distinct().Count());
    }
}
