using EdTech.Application.Records.Views;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Tests.Privacy;

/// <summary>
/// A student's responses stored one document per submission, per item (a store written before the fold), or both for one
/// submission (a pre-fold submission regraded since): the export shows each answer once as its own per-item document showed it,
/// in id order, and the erasure removes every document and counts answers, not documents (docs/grading.md, "Responses: one
/// document per submission").
/// </summary>
public sealed class ResponseFoldPrivacyTests : IAsyncLifetime
{
    private static readonly TenantId Tenant = ErasureWorld.Tenant;
    private static readonly DateTimeOffset At = ErasureWorld.Start.AddDays(-2);
    private readonly ErasureWorld _world = new();

    public Task InitializeAsync() => _world.InitializeAsync();

    public Task DisposeAsync() => _world.DisposeAsync();

    private static SubmissionResponsesRecord Folded(string submission, string user = "s1") =>
        new(submission, ErasureWorld.Course, "quiz1", user, submission, 1, At, [new ItemResponse("q1", true, 1), new ItemResponse("q2", false, 0.9)]);

    [Fact]
    public async Task Export_FoldedPerItemAndBothShapes_ShowsEachAnswerOnceAsItsPerItemDocument_InIdOrder()
    {
        await SeedAsync();

        var exported = (await _world.ExportAsync()).Value!.Containers[Containers.Responses].Select(e => e.GetRawText()).ToList();

        // The seeded "responses-s1" document as stored, then each answer of sub-a (per item), sub-b (folded) and sub-c (both
        // shapes: the folded document wins), as ResponseRecord JSON.
        string[] expected =
        [
            $$"""{"id":"{{ErasureWorld.DocId(Containers.Responses, "s1")}}","userId":"s1"}""",
            .. Folded("sub-a").Expand().Concat(Folded("sub-b").Expand()).Concat(Folded("sub-c").Expand()).Select(TypedDocumentStore.Serialize),
        ];
        Assert.Equal(expected, exported);
        Assert.DoesNotContain(exported, e => e.Contains("\"items\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Erase_FoldedPerItemAndBothShapes_DeletesEveryDocument_CountsEachAnswerOnce_LeavesTheClassmate()
    {
        await SeedAsync();
        await _world.Raw.CreateAsync(Tenant, Folded("sub-x", "s2"));

        var summary = (await _world.EraseAsync()).Value!;

        // The seeded document, and two answers for each of sub-a, sub-b and sub-c: 7, as one document per answer counted.
        Assert.Equal(7, summary.Deleted[Containers.Responses]);
        Assert.Empty(await _world.Raw.QueryAsync(Tenant, Containers.Responses, DocumentQuery.Where("userId", "s1")));
        Assert.Equal(2, (await _world.Raw.QueryAsync(Tenant, Containers.Responses, DocumentQuery.Where("userId", "s2"))).Count);
    }

    private async Task SeedAsync()
    {
        foreach (var response in Folded("sub-a").Expand())
        {
            await _world.Raw.CreateAsync(Tenant, response);
        }

        await _world.Raw.CreateAsync(Tenant, Folded("sub-b"));
        foreach (var response in Folded("sub-c").Expand())
        {
            // Its earlier grading, stored per item before the fold; the regrade since wrote the folded document.
            await _world.Raw.CreateAsync(Tenant, response with { Correct = !response.Correct });
        }

        await _world.Raw.CreateAsync(Tenant, Folded("sub-c"));
    }
}
