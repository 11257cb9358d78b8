using EdTech.Application.Access;
using EdTech.Application.Caching;
using EdTech.Application.Common;
using EdTech.Application.Records;
using EdTech.Application.Records.Views;
using EdTech.Application.Storage;
using EdTech.Domain.Analytics;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Assessments.Statistics;

/// <summary>An assessment's statistics for a teacher of its course, aggregated from the statistics projection and cached per assessment.</summary>
public sealed class GetAssessmentStatisticsHandler(IDocumentStore store, AssessmentLookup assessments, CourseAccess access, TeacherQueryCache cache)
{
    public async Task<Outcome<AssessmentStatistics>> HandleAsync(Caller caller, string assessmentId, CancellationToken ct)
    {
        var record = await assessments.FindAsync(caller.Tenant, assessmentId, ct).ConfigureAwait(false);
        if (record is null || !await access.IsEnrolledAsync(caller.Tenant, record.CourseId, caller.UserId, Roles.Teacher, ct).ConfigureAwait(false))
        {
            return Problem.NotFound("assessment");
        }

        var statistics = await cache.GetOrCreateAsync(caller.Tenant, $"statistics:{assessmentId}", [TeacherQueryCache.CourseTag(caller.Tenant, record.CourseId)],
            async token =>
            {
                var contributions = await store.QueryAsync<StatisticsContribution>(caller.Tenant, DocumentQuery.InPartition(assessmentId), token).ConfigureAwait(false);
                var a = record.Assessment;
                var items = a.Items.Select(i => new AnalysedItem(i.Id, i.Points)).ToList();
                return AssessmentStatistics.From(a.Id, record.CourseId, a.MaxScore, items, contributions.Select(c => c.Value).ToList(), Analysis(assessmentId));
            }, ct).ConfigureAwait(false);
        return Outcome<AssessmentStatistics>.Ok(statistics);
    }

    /// <summary>500 resamples seeded by the assessment: the same marks always give the same intervals; intervals from 5 responses.</summary>
    private static ItemAnalysisOptions Analysis(string assessmentId) => ItemAnalysisOptions.Default with { Seed = AnalysisSeed.Of(assessmentId) };
}
