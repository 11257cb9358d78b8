using System.Globalization;
using EdTech.Domain.Tenancy;

namespace EdTech.Orchestrations.Calibration;

public sealed record CalibrateCourseInput(TenantId TenantId, string CourseId, DateOnly Day)
{
    /// <summary>Tenant-first, one per course and UTC day: <c>{tenant}:calibrate:{courseId}:{yyyyMMdd}</c>; a second start that day is "already exists".</summary>
    public string InstanceId => $"{TenantId}:calibrate:{CourseId}:{Day.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}";
}
