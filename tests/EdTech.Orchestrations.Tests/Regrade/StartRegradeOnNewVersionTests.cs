using EdTech.Application.Commands;
using EdTech.Application.Grading.Regrade;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Assessments;
using EdTech.Orchestrations.Tests.Grading;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdTech.Orchestrations.Tests.Regrade;

/// <summary>The change-feed safety net: a new version whose scoring changed gets its regrade run recorded; any other change does not.</summary>
public sealed class StartRegradeOnNewVersionTests(GradingHostFixture host) : IClassFixture<GradingHostFixture>
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    [Fact]
    public async Task Version2_WithAChangedKey_StartsItsRegrade_ATitleOnlyVersion_DoesNot()
    {
        var keyed = await host.SeedAssessmentAsync("sr-key", new ReleasePolicy(ReleasePolicy.Immediate, null), Now.AddDays(1));
        var titled = await host.SeedAssessmentAsync("sr-title", new ReleasePolicy(ReleasePolicy.Immediate, null), Now.AddDays(1));
        var fresh = await host.SeedAssessmentAsync("sr-v1", new ReleasePolicy(ReleasePolicy.Immediate, null), Now.AddDays(1));
        var changes = new[]
        {
            await NewVersionAsync(keyed, keyed with { Items = [keyed.Items[0] with { Answer = AnswerValue.OfText("3") }, .. keyed.Items.Skip(1)] }),
            await NewVersionAsync(titled, titled with { Title = "Renamed" }),
            (await host.Store.GetAsync(GradingHostFixture.Tenant, Containers.Assessments, fresh.Id))!,
        };
        var runs = new WorkflowRuns(host.Store, TimeProvider.System, NullLogger<WorkflowRuns>.Instance);

        await new StartRegradeOnNewVersion(host.Store, runs).HandleAsync(changes, CancellationToken.None);

        var requested = await runs.RequestedAsync(GradingHostFixture.Tenant, CancellationToken.None);
        Assert.Equal([WorkflowRunRecord.RegradeId("sr-key", 2)], requested.Where(r => r.TargetId.StartsWith("sr-", StringComparison.Ordinal)).Select(r => r.Id));
    }

    private async Task<StoredDocument> NewVersionAsync(Assessment v1, Assessment v2)
    {
        var stored = (await host.Store.GetAsync<AssessmentRecord>(GradingHostFixture.Tenant, v1.Id))!;
        await host.Store.ReplaceAsync(GradingHostFixture.Tenant, AssessmentVersionRecord.Of(stored.Value, Now), ifMatch: null);
        var (status, _) = await host.Store.ReplaceAsync(GradingHostFixture.Tenant, stored.Value with { Version = 2, Assessment = v2 }, stored.ETag);
        Assert.Equal(WriteStatus.Replaced, status);
        return (await host.Store.GetAsync(GradingHostFixture.Tenant, Containers.Assessments, v1.Id))!;
    }
}
