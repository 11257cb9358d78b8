using EdTech.Application.Assessments.Statistics;
using EdTech.Application.Records;
using EdTech.Application.Records.Views;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Analytics;

/// <summary>One assessment of a course with each student's latest graded attempt at it (from the statistics projection).</summary>
public sealed record AssessmentAttempts(AssessmentRecord Assessment, IReadOnlyList<StatisticsContribution> Latest);

/// <summary>What the course analytics read: the course's assessments in id order, each with its latest graded attempts.</summary>
public static class CourseAttempts
{
    public static async Task<IReadOnlyList<AssessmentAttempts>> LoadAsync(IDocumentStore store, TenantId tenant, string courseId, CancellationToken ct)
    {
        var assessments = await store.QueryAsync<AssessmentRecord>(tenant, DocumentQuery.InPartition(courseId), ct).ConfigureAwait(false);
        var loaded = new List<AssessmentAttempts>();
        foreach (var a in assessments.Select(a => a.Value).OrderBy(a => a.Id, StringComparer.Ordinal))
        {
            var contributions = await store.QueryAsync<StatisticsContribution>(tenant, DocumentQuery.InPartition(a.Id), ct).ConfigureAwait(false);
            loaded.Add(new AssessmentAttempts(a, LatestAttempts.Of(contributions.Select(c => c.Value))));
        }

        return loaded;
    }
}
