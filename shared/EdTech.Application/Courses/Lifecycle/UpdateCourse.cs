using EdTech.Application.Access;
using EdTech.Application.Audit;
using EdTech.Application.Common;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Courses.Lifecycle;

/// <summary>PATCH body (JSON Merge Patch): absent fields stay; <c>title</c> 1-200 characters; <c>archived</c> true or false (not null).</summary>
public sealed record UpdateCourseCommand(Optional<string?> Title, Optional<bool?> Archived);

/// <summary>
/// Renames, archives or unarchives a course. With If-Match the change applies only to that version (412 otherwise); without
/// it, to the latest (re-read on a lost race, up to three times). The same values again write nothing. Each change is audited.
/// </summary>
public sealed class UpdateCourseHandler(IDocumentStore store, CourseAccess access, IAuditLog audit, TimeProvider clock)
{
    public async Task<Outcome<Versioned<CourseRecord>>> HandleAsync(Caller caller, string courseId, UpdateCourseCommand command, string? ifMatch, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(command);
        if (!ResourceId.IsValid(courseId))
        {
            return Problem.NotFound("course");
        }

        var v = new Validation();
        if (command.Title.IsSet)
        {
            v.Text(command.Title.Value, "title", 200);
        }

        v.Require(!command.Archived.IsSet || command.Archived.Value is not null, "archived", "true or false.");
        if (!v.IsValid)
        {
            return v.ToProblem();
        }

        for (var attempt = 0; attempt < 3; attempt++)
        {
            var stored = await store.GetAsync<CourseRecord>(caller.Tenant, courseId, courseId, ct).ConfigureAwait(false);
            if (stored is null)
            {
                return Problem.NotFound("course");
            }

            if (ifMatch is not null && ifMatch != stored.ETag)
            {
                return Stale;
            }

            var now = clock.GetUtcNow();
            var current = stored.Value;
            var title = command.Title.IsSet ? command.Title.Value!.Trim() : current.Title;
            var archived = command.Archived.IsSet ? command.Archived.Value!.Value : current.ArchivedAt is not null;
            if (title == current.Title && archived == current.ArchivedAt is not null)
            {
                return Outcome<Versioned<CourseRecord>>.Ok(stored);
            }

            var updated = current with { Title = title, ArchivedAt = archived ? current.ArchivedAt ?? now : null, UpdatedAt = now };
            var (status, written) = await store.ReplaceAsync(caller.Tenant, updated, stored.ETag, ct).ConfigureAwait(false);
            if (status == WriteStatus.PreconditionFailed)
            {
                if (ifMatch is not null)
                {
                    return Stale;
                }

                continue;
            }

            access.ForgetCourse(caller.Tenant, courseId);
            await AuditAsync(caller, current, updated, written!.ETag, now, ct).ConfigureAwait(false);
            return Outcome<Versioned<CourseRecord>>.Ok(written);
        }

        return Problem.Conflict("The course changed concurrently; retry.");
    }

    private async Task AuditAsync(Caller caller, CourseRecord before, CourseRecord after, string etag, DateTimeOffset at, CancellationToken ct)
    {
        if (before.Title != after.Title)
        {
            await audit.AppendAsync(caller.Tenant, LifecycleAudit.Of(caller, LifecycleAudit.CourseRenamed, after.Id, after.Id, etag, at, before.Title, after.Title), ct).ConfigureAwait(false);
        }

        if ((before.ArchivedAt is null) != (after.ArchivedAt is null))
        {
            var action = after.ArchivedAt is null ? LifecycleAudit.CourseUnarchived : LifecycleAudit.CourseArchived;
            await audit.AppendAsync(caller.Tenant, LifecycleAudit.Of(caller, action, after.Id, after.Id, etag, at,
                before.ArchivedAt is null ? "active" : "archived", after.ArchivedAt is null ? "active" : "archived"), ct).ConfigureAwait(false);
        }
    }

    private static Problem Stale => new(ProblemKind.PreconditionFailed, "Precondition failed", "The course changed since that ETag; GET it again.");
}
