using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;
using Microsoft.Extensions.Logging;

namespace EdTech.Application.Learning.Calibration;

/// <summary>The nightly job: starts CalibrateCourse for every course of every active tenant (instance per tenant, course and UTC day).</summary>
public sealed class CalibrationScheduler(IDocumentStore store, ICalibrationWorkflow workflow, TimeProvider clock, ILogger<CalibrationScheduler> logger)
{
    public async Task<int> StartAllAsync(CancellationToken ct)
    {
        var day = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var started = 0;
        var tenants = await store.QueryAsync<TenantRecord>(TenantId.Platform, DocumentQuery.All, ct).ConfigureAwait(false);
        foreach (var tenant in tenants.Where(t => t.Value.Status == TenantRecord.Active).Select(t => new TenantId(t.Value.Id)))
        {
            var courses = await store.QueryAsync<CourseRecord>(tenant, DocumentQuery.All, ct).ConfigureAwait(false);
            foreach (var course in courses)
            {
                await workflow.StartAsync(tenant, course.Value.Id, day, ct).ConfigureAwait(false);
                started++;
            }
        }

        logger.LogInformation("Started {Count} course calibrations for {Day}", started, day);
        return started;
    }
}
