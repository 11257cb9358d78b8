using EdTech.Application.Common;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Assessments;

/// <summary>
/// Assessments are read by every submission of an exam and change rarely (a teacher's edit), so a found
/// one is cached per tenant for a short time. An edit drops this process's entry at once; other instances
/// see it when theirs expires, which is harmless: grading always reads the store, not this cache.
/// </summary>
public sealed class AssessmentLookup(IDocumentStore store, TimeProvider clock)
{
    private readonly ExpiringCache<AssessmentRecord> _cache = new(clock, TimeSpan.FromSeconds(30));

    public ValueTask<AssessmentRecord?> FindAsync(TenantId tenant, string assessmentId, CancellationToken ct) =>
        _cache.GetOrLoadAsync($"{tenant}:{assessmentId}",
            async token => (await store.GetAsync<AssessmentRecord>(tenant, assessmentId, token).ConfigureAwait(false))?.Value, ct);

    public void Forget(TenantId tenant, string assessmentId) => _cache.Remove($"{tenant}:{assessmentId}");
}
