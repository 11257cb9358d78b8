using EdTech.Application.Access;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Roster;

/// <summary>
/// "tobedeleted" users and classes, applied after the enrollments. A user goes with their
/// enrollments (their submissions stay: erasing a student's data is the privacy endpoint's job). A
/// class goes with its enrollments and modules, unless it has assessments: then the row is rejected,
/// as deleting it would orphan students' work.
/// </summary>
public sealed class RosterDeletions(IDocumentStore store, CourseAccess access)
{
    public async Task ApplyAsync(TenantId tenant, RosterPlan plan, CancellationToken ct)
    {
        var enrollments = plan.Files["enrollments"].Tally;
        foreach (var course in plan.Classes.Where(c => c.Delete))
        {
            var file = plan.Files["classes"];
            if ((await store.QueryAsync(tenant, Containers.Assessments, new DocumentQuery(course.Id, Limit: 1), ct).ConfigureAwait(false)).Count > 0)
            {
                file.Reject(course.Row, "status", "The course has assessments, so it is not deleted.");
                continue;
            }

            enrollments.Deleted += await DeleteEnrollmentsAsync(tenant, DocumentQuery.InPartition(course.Id), ct).ConfigureAwait(false);
            foreach (var module in await store.QueryAsync(tenant, Containers.Modules, DocumentQuery.InPartition(course.Id), ct).ConfigureAwait(false))
            {
                await store.DeleteAsync(tenant, Containers.Modules, module.Id, cancellationToken: ct).ConfigureAwait(false);
            }

            Count(file.Tally, await store.DeleteAsync(tenant, Containers.Courses, course.Id, cancellationToken: ct).ConfigureAwait(false));
        }

        foreach (var user in plan.Users.Where(u => u.Delete))
        {
            enrollments.Deleted += await DeleteEnrollmentsAsync(tenant, DocumentQuery.Where("userId", user.Id), ct).ConfigureAwait(false);
            Count(plan.Files["users"].Tally, await store.DeleteAsync(tenant, Containers.Users, user.Id, cancellationToken: ct).ConfigureAwait(false));
        }
    }

    private static void Count(FileTally tally, bool deleted) => _ = deleted ? tally.Deleted++ : tally.Unchanged++;

    private async Task<int> DeleteEnrollmentsAsync(TenantId tenant, DocumentQuery query, CancellationToken ct)
    {
        var count = 0;
        foreach (var doc in await store.QueryAsync<EnrollmentRecord>(tenant, query, ct).ConfigureAwait(false))
        {
            count += await store.DeleteAsync(tenant, Containers.Enrollments, doc.Value.Id, cancellationToken: ct).ConfigureAwait(false) ? 1 : 0;
            access.Forget(tenant, doc.Value.CourseId, doc.Value.UserId);
        }

        return count;
    }
}
