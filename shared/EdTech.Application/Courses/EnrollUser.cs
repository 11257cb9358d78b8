using EdTech.Application.Access;
using EdTech.Application.Caching;
using EdTech.Application.Common;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Courses;

/// <summary>Enrol a user; <see cref="Section"/> (optional, a resource id) is the cohort analytics group students by.</summary>
public sealed record EnrollUserCommand(string CourseId, string? UserId, string? Role, string? Section = null);

public sealed class EnrollUserHandler(IDocumentStore store, TeacherQueryCache cache, CourseAccess access, TimeProvider clock)
{
    public async Task<Outcome<EnrollmentRecord>> HandleAsync(Caller caller, EnrollUserCommand command, CancellationToken ct)
    {
        var v = new Validation().Id(command.UserId, "userId", required: true)
            .Require(command.Role is Roles.Student or Roles.Teacher, "role", "'student' or 'teacher'.")
            .Id(command.Section, "section");
        if (!v.IsValid)
        {
            return v.ToProblem();
        }

        if (await store.GetAsync<CourseRecord>(caller.Tenant, command.CourseId, ct).ConfigureAwait(false) is null)
        {
            return Problem.NotFound("course");
        }

        if (await store.GetAsync<UserRecord>(caller.Tenant, command.UserId!, ct).ConfigureAwait(false) is null)
        {
            return Problem.Invalid("userId", "No such user in this tenant.");
        }

        var record = new EnrollmentRecord(EnrollmentRecord.IdFor(command.CourseId, command.UserId!), command.CourseId, command.UserId!, command.Role!, clock.GetUtcNow(), command.Section);
        var outcome = await store.CreateAsync(caller.Tenant, record, static (a, b) => a.Role == b.Role && a.Section == b.Section, ct).ConfigureAwait(false);
        if (outcome.Created)
        {
            // The student's dashboard lists their courses from CourseAccess's cache.
            access.Forget(caller.Tenant, record.CourseId, record.UserId);
            // A new row in the course's gradebook, or a new course in the teacher's review queue.
            await cache.InvalidateEnrollmentAsync(caller.Tenant, record, ct).ConfigureAwait(false);
        }

        return outcome;
    }
}
