using EdTech.Application.Access;
using EdTech.Application.Assessments;
using EdTech.Application.Assessments.Lifecycle;
using EdTech.Application.Common;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Usage;

/// <summary>
/// Checks, for one request, that an event's course is one the caller is enrolled in as a student and that its object exists in
/// that course. Enrollments and assessments come from the shared short-lived caches; a course's modules are read once per request.
/// </summary>
internal sealed class UsageObjects(IDocumentStore store, CourseAccess access, AssessmentLookup assessments, Caller caller)
{
    private readonly Dictionary<string, IReadOnlyList<ModuleRecord>> _modules = new(StringComparer.Ordinal);

    public async Task<UsageEventError?> CheckAsync(UsageEventInput e, CancellationToken ct)
    {
        if (!await access.IsEnrolledAsync(caller.Tenant, e.CourseId!, caller.UserId, Roles.Student, ct).ConfigureAwait(false))
        {
            return new("courseId", "Not a course you are enrolled in as a student.");
        }

        var parts = e.ObjectId!.Split('/');
        var exists = e.ObjectType switch
        {
            "assessment" => await AssessmentAsync(e.CourseId!, parts[0], ct).ConfigureAwait(false) is not null,
            "item" => (await AssessmentAsync(e.CourseId!, parts[0], ct).ConfigureAwait(false))?.Items.Any(i => i.Id == parts[1]) == true,
            _ => (await ModulesAsync(e.CourseId!, ct).ConfigureAwait(false))
                .Any(m => m.ModuleId == parts[0] && (parts.Length == 1 || m.Items.Any(i => i.Id == parts[1]))),
        };
        return exists ? null : new("objectId", $"No {e.ObjectType} with that id in course '{e.CourseId}'.");
    }

    private async Task<Domain.Assessments.Assessment?> AssessmentAsync(string courseId, string assessmentId, CancellationToken ct)
    {
        var found = await assessments.FindAsync(caller.Tenant, assessmentId, ct).ConfigureAwait(false);
        return found is not null && found.CourseId == courseId && found.IsPublished() ? found.Assessment : null;
    }

    private async Task<IReadOnlyList<ModuleRecord>> ModulesAsync(string courseId, CancellationToken ct)
    {
        if (!_modules.TryGetValue(courseId, out var modules))
        {
            modules = (await store.QueryAsync<ModuleRecord>(caller.Tenant, DocumentQuery.InPartition(courseId), ct).ConfigureAwait(false)).Select(m => m.Value).ToList();
            _modules[courseId] = modules;
        }

        return modules;
    }
}
