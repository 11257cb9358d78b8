using EdTech.Application.Access;
using EdTech.Application.Assessments;
using EdTech.Application.Assessments.Lifecycle;
using EdTech.Application.Common;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Courses.Modules;

public sealed record ModuleView(string Id, string Title, int Position, IReadOnlyList<ModuleItem> Items);

public sealed record ModuleList(IReadOnlyList<ModuleView> Modules);

/// <summary>
/// A course's modules in position order: all of them for its teachers; for its students, assessment
/// items only when the student may open that assessment (GET /api/student/assessments/{id}: it
/// exists in this course and is published; a draft's item is left out).
/// </summary>
public sealed class GetModulesHandler(IDocumentStore store, CourseAccess access, AssessmentLookup assessments)
{
    public async Task<Outcome<ModuleList>> HandleAsync(Caller caller, string courseId, string role, CancellationToken ct)
    {
        if (role is not (Roles.Teacher or Roles.Student) || !await access.IsEnrolledAsync(caller.Tenant, courseId, caller.UserId, role, ct).ConfigureAwait(false))
        {
            return Problem.NotFound("course");
        }

        var modules = new List<ModuleView>();
        foreach (var module in (await store.QueryAsync<ModuleRecord>(caller.Tenant, DocumentQuery.InPartition(courseId), ct).ConfigureAwait(false)).Select(m => m.Value))
        {
            var items = new List<ModuleItem>();
            foreach (var item in module.Items)
            {
                if (role == Roles.Teacher || item.AssessmentId is null || await IsVisibleToStudentsAsync(caller.Tenant, courseId, item.AssessmentId, ct).ConfigureAwait(false))
                {
                    items.Add(item);
                }
            }

            modules.Add(new ModuleView(module.ModuleId, module.Title, module.Position, items));
        }

        return Outcome<ModuleList>.Ok(new ModuleList(modules.OrderBy(m => m.Position).ThenBy(m => m.Id, StringComparer.Ordinal).ToList()));
    }

    private async Task<bool> IsVisibleToStudentsAsync(TenantId tenant, string courseId, string assessmentId, CancellationToken ct) =>
        (await assessments.FindAsync(tenant, assessmentId, ct).ConfigureAwait(false)) is { } found && found.CourseId == courseId && found.IsPublished();
}
