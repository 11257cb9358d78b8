using System.Text.Json;
using EdTech.Application.Access;
using EdTech.Application.Assessments;
using EdTech.Application.Audit;
using EdTech.Application.Common;
using EdTech.Application.Records;
using EdTech.Application.Serialization;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;
using EdTech.Domain.Timing;

namespace EdTech.Application.Timing;

public sealed record ExtensionInput(string? AssessmentId, DateTimeOffset? DueAt);

/// <summary>The whole accommodation (PUT replaces it): <see cref="TimeMultiplier"/> 1 to 4 (default 1), extensions per assessment, and an optional reason for the audit log.</summary>
public sealed record SetAccommodationCommand(decimal? TimeMultiplier, IReadOnlyList<ExtensionInput>? Extensions, string? Reason = null);

/// <summary>A student's accommodation in a course (a student without one reads multiplier 1 and no extensions).</summary>
public sealed record AccommodationView(string CourseId, string UserId, decimal TimeMultiplier, IReadOnlyList<DueDateExtension> Extensions);

/// <summary>The view and the ETag of the enrollment it is stored on (If-Match on PUT/DELETE).</summary>
public sealed record AccommodationResult(AccommodationView View, string ETag);

/// <summary>
/// Accommodations (docs/timing.md): GET/PUT/DELETE for the course's teacher (teacher routes) or a tenant admin (admin routes).
/// Stored on the student's enrollment, so the submit path reads them with the enrollment it reads anyway; every change is
/// ETag-conditional (the client's If-Match, else the ETag just read) and audited with the old and new value.
/// </summary>
public sealed class AccommodationsHandler(IDocumentStore store, CourseAccess access, AssessmentLookup assessments, IAuditLog audit, TimeProvider clock)
{
    public const string AuditAction = "accommodation.changed";

    public async Task<Outcome<AccommodationResult>> GetAsync(Caller caller, string courseId, string userId, CancellationToken ct)
    {
        var enrollment = await StudentEnrollmentAsync(caller, courseId, userId, ct).ConfigureAwait(false);
        return enrollment is null ? Problem.NotFound("student in this course") : Outcome<AccommodationResult>.Ok(ResultOf(enrollment));
    }

    public async Task<Outcome<AccommodationResult>> SetAsync(Caller caller, string courseId, string userId, SetAccommodationCommand command, string? ifMatch, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var enrollment = await StudentEnrollmentAsync(caller, courseId, userId, ct).ConfigureAwait(false);
        if (enrollment is null)
        {
            return Problem.NotFound("student in this course");
        }

        var v = await ValidateAsync(caller.Tenant, courseId, command, ct).ConfigureAwait(false);
        if (!v.IsValid)
        {
            return v.ToProblem();
        }

        var accommodation = new Accommodation(command.TimeMultiplier ?? 1m,
            (command.Extensions ?? []).Select(e => new DueDateExtension(e.AssessmentId!, e.DueAt!.Value.ToUniversalTime())).OrderBy(e => e.AssessmentId, StringComparer.Ordinal).ToList());
        return await WriteAsync(caller, enrollment, accommodation, ifMatch, command.Reason, ct).ConfigureAwait(false);
    }

    public async Task<Outcome<AccommodationResult>> ClearAsync(Caller caller, string courseId, string userId, string? ifMatch, CancellationToken ct)
    {
        var enrollment = await StudentEnrollmentAsync(caller, courseId, userId, ct).ConfigureAwait(false);
        return enrollment is null ? Problem.NotFound("student in this course") : await WriteAsync(caller, enrollment, null, ifMatch, null, ct).ConfigureAwait(false);
    }

    private async Task<Outcome<AccommodationResult>> WriteAsync(Caller caller, Versioned<EnrollmentRecord> enrollment, Accommodation? accommodation, string? ifMatch, string? reason, CancellationToken ct)
    {
        var current = enrollment;
        for (var race = 0; race < 3 && current is not null; race++)
        {
            if (ifMatch is not null && ifMatch != current.ETag)
            {
                return new Problem(ProblemKind.PreconditionFailed, "Precondition failed", "The accommodation changed since you read it; read it again.");
            }

            var old = current.Value.Accommodation;
            var (status, stored) = await store.ReplaceAsync(caller.Tenant, current.Value with { Accommodation = accommodation }, current.ETag, ct).ConfigureAwait(false);
            if (status != WriteStatus.PreconditionFailed)
            {
                access.Forget(caller.Tenant, current.Value.CourseId, current.Value.UserId);
                await audit.AppendAsync(caller.Tenant, new AuditEntry("accommodation-" + Guid.NewGuid().ToString("n"), clock.GetUtcNow(), caller.UserId, caller.Roles.Order(StringComparer.Ordinal).ToList(),
                    AuditAction, current.Value.UserId, $"course:{current.Value.CourseId}", Json(old), Json(accommodation), reason), ct).ConfigureAwait(false);
                return Outcome<AccommodationResult>.Ok(ResultOf(stored!));
            }

            // Someone else wrote the enrollment (a roster import, another teacher): with the client's If-Match that is a 412, else re-read and apply again.
            current = await store.GetAsync<EnrollmentRecord>(caller.Tenant, current.Value.Id, current.Value.CourseId, ct).ConfigureAwait(false);
        }

        return current is null ? Problem.NotFound("student in this course") : new Problem(ProblemKind.PreconditionFailed, "Precondition failed", "The enrollment kept changing; try again.");
    }

    private async Task<Validation> ValidateAsync(TenantId tenant, string courseId, SetAccommodationCommand command, CancellationToken ct)
    {
        var v = new Validation()
            .Require(command.TimeMultiplier is null or (>= Accommodation.MinMultiplier and <= Accommodation.MaxMultiplier), "timeMultiplier", "1 to 4 (1.5 = half as much time again).")
            .Text(command.Reason, "reason", 500, required: false);
        if (command.Extensions is { Count: > Accommodation.MaxExtensions })
        {
            return v.Add("extensions", $"At most {Accommodation.MaxExtensions} extensions.");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var extensions = command.Extensions ?? [];
        for (var i = 0; i < extensions.Count; i++)
        {
            var path = $"extensions[{i}]";
            var e = extensions[i];
            if (e is null)
            {
                v.Add(path, "Required.");
                continue;
            }

            v.Id(e.AssessmentId, $"{path}.assessmentId", required: true)
             .Require(e.DueAt is not null, $"{path}.dueAt", "Required (ISO 8601).")
             .Instant(e.DueAt, $"{path}.dueAt");
            if (e.AssessmentId is not { } id || !ResourceId.IsValid(id))
            {
                continue;
            }

            v.Require(seen.Add(id), $"{path}.assessmentId", "Extended twice.");
            var record = await assessments.FindAsync(tenant, id, ct).ConfigureAwait(false);
            v.Require(record?.CourseId == courseId, $"{path}.assessmentId", "Not an assessment of this course.");
        }

        return v;
    }

    /// <summary>The student's enrollment in the course, once the caller may act on it: the course's teacher, or a tenant admin (any course of the tenant).</summary>
    private async Task<Versioned<EnrollmentRecord>?> StudentEnrollmentAsync(Caller caller, string courseId, string userId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!ResourceId.IsValid(courseId) || !ResourceId.IsValid(userId))
        {
            return null;
        }

        var allowed = caller.IsIn(Roles.TenantAdmin) || await access.IsEnrolledAsync(caller.Tenant, courseId, caller.UserId, Roles.Teacher, ct).ConfigureAwait(false);
        var enrollment = allowed ? await store.GetAsync<EnrollmentRecord>(caller.Tenant, EnrollmentRecord.IdFor(courseId, userId), courseId, ct).ConfigureAwait(false) : null;
        return enrollment?.Value.Role == Roles.Student ? enrollment : null;
    }

    private static AccommodationResult ResultOf(Versioned<EnrollmentRecord> enrollment)
    {
        var a = enrollment.Value.Accommodation ?? Accommodation.None;
        return new AccommodationResult(new AccommodationView(enrollment.Value.CourseId, enrollment.Value.UserId, a.TimeMultiplier, a.Extensions), enrollment.ETag);
    }

    private static string? Json(Accommodation? a) => a is null ? null : JsonSerializer.Serialize(a, EdTechJson.Options);
}
