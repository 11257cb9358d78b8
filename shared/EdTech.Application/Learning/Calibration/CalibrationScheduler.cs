using EdTech.Application.Commands;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;
using Microsoft.Extensions.Logging;

namespace EdTech.Application.Learning.Calibration;

/// <summary>
/// The nightly job: records a calibration run for every course of every active tenant (one per course and UTC day,
/// create-once), which the change feed starts as CalibrateCourse (instance per tenant, course and day) and the
/// reconciler re-drives if a crash lost it.
/// </summary>
public sealed class CalibrationScheduler(IDocumentStore store, WorkflowRuns runs, TimeProvider clock, ILogger<CalibrationScheduler> logger)
{
    public async Task<int> StartAllAsync(CancellationToken ct)
    {
        var day = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var started = 0;
        var tenants = await store.QueryAsync<TenantRecord>(TenantId.Platform, DocumentQuery.All, ct).ConfigureAwait(false);
        foreach (var tenant in tenants.Where(t => t.Value.Status == TenantStatus.Active).Select(t => new TenantId(t.Value.Id)))
        {
            var courses = await store.QueryAsync<CourseRecord>(tenant, DocumentQuery.All, ct).ConfigureAwait(false);
            foreach (var course in courses)
            {
                await runs.RequestAsync(tenant, WorkflowRunRecord.CalibrateKind, course.Value.Id, WorkflowRunRecord.DayGeneration(day), course.Value.Id, ct).ConfigureAwait(false);
                started++;
            }
        }

        logger.LogInformation("Requested {Count} course calibrations for {Day}", started, day);
        return started;
    }
}
