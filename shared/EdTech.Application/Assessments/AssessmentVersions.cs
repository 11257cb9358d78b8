using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Assessments;

/// <summary>Reads one version of an assessment: the current record when it is that version, else its frozen snapshot.</summary>
public static class AssessmentVersions
{
    public static async Task<AssessmentRecord?> FindAsync(IDocumentStore store, TenantId tenant, string assessmentId, int version, CancellationToken ct)
    {
        var current = await store.GetAsync<AssessmentRecord>(tenant, assessmentId, ct).ConfigureAwait(false);
        if (current is null)
        {
            return null;
        }

        if (current.Value.Version == version)
        {
            return current.Value;
        }

        var snapshot = await store.GetAsync<AssessmentVersionRecord>(tenant, AssessmentVersionRecord.IdOf(assessmentId, version), current.Value.CourseId, ct).ConfigureAwait(false);
        return snapshot is null ? null : current.Value with { Version = version, Assessment = snapshot.Value.Assessment };
    }
}
