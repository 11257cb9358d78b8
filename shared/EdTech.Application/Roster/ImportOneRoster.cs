using EdTech.Application.Access;
using EdTech.Application.Common;
using EdTech.Application.Courses;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Application.Users;
using EdTech.Domain.Tenancy;
using Microsoft.Extensions.Logging;

namespace EdTech.Application.Roster;

/// <summary>The zip body of a OneRoster import; the tenant is the caller's (token) tenant only.</summary>
/// <param name="ClassesAsSections">Import classes as sections of their courses.csv courses (<c>?classes=sections</c>); else each class is a course.</param>
public sealed record ImportOneRosterCommand(TenantId Tenant, ReadOnlyMemory<byte> Zip, bool ClassesAsSections = false);

/// <summary>
/// OneRoster CSV bulk import. The package is validated as a whole first (zip limits, required files
/// and columns, manifest version: any failure refuses it all); then every row is validated, bad
/// rows are reported and skipped and good rows applied through the same use cases as the admin API,
/// so a roster row and an API call are held to one set of rules. A create that meets a stored record
/// with other content becomes an update (If-Match on the ETag read); with the same content, nothing is written.
/// </summary>
public sealed class ImportOneRosterHandler(
    IDocumentStore store, CreateUserHandler users, CreateCourseHandler courses, EnrollUserHandler enroll, RosterDeletions deletions, CourseAccess access,
    ILogger<ImportOneRosterHandler> logger)
{
    /// <summary>Roles the roster owns: an import replaces these and keeps others (content-author) a user holds.</summary>
    private static readonly string[] RosterRoles = [Roles.Student, Roles.Teacher, Roles.TenantAdmin];

    public async Task<(ImportOneRosterResult? Result, RosterPackageError? Error)> HandleAsync(Caller caller, ImportOneRosterCommand command, CancellationToken ct)
    {
        var (package, packageError) = RosterPackage.Open(command.Zip);
        var (plan, planError) = package is null ? (null, packageError) : RosterPlan.Build(package, command.ClassesAsSections);
        if (plan is null)
        {
            return (null, planError);
        }

        foreach (var user in plan.Users.Where(u => !u.Delete))
        {
            await ApplyUserAsync(caller, user, plan.Files["users"], ct).ConfigureAwait(false);
        }

        // Classes as sections: the courses are courses.csv's, and a class only names its students' section.
        var (courses, file) = command.ClassesAsSections ? (plan.Courses, plan.Files["courses"]) : (plan.Classes, plan.Files["classes"]);
        foreach (var course in courses.Where(c => !c.Delete))
        {
            await ApplyClassAsync(caller, course, file, ct).ConfigureAwait(false);
        }

        foreach (var enrollment in plan.Enrollments)
        {
            await ApplyEnrollmentAsync(caller, enrollment, plan.Files["enrollments"], ct).ConfigureAwait(false);
        }

        await deletions.ApplyAsync(caller.Tenant, plan, ct).ConfigureAwait(false);
        var result = new ImportOneRosterResult(plan.Files.ToDictionary(f => f.Key, f => f.Value.Tally.ToCounts(), StringComparer.Ordinal),
            plan.Errors.OrderBy(e => e.File, StringComparer.Ordinal).ThenBy(e => e.Row).ToList(), plan.Notes);
        logger.LogInformation("OneRoster import for {Tenant} by {UserId}: {Counts}, {Errors} row errors", caller.Tenant, caller.UserId,
            string.Join(' ', result.Files.Select(f => $"{f.Key}={f.Value.Created}/{f.Value.Updated}/{f.Value.Unchanged}/{f.Value.Deleted}")), result.Errors.Count);
        return (result, null);
    }

    private async Task ApplyUserAsync(Caller caller, RosterUser user, RosterRows file, CancellationToken ct)
    {
        var existing = await store.GetAsync<UserRecord>(caller.Tenant, user.Id, ct).ConfigureAwait(false);
        var roles = (existing?.Value.Roles ?? []).Except(RosterRoles, StringComparer.Ordinal).Append(user.Role).Distinct().Order(StringComparer.Ordinal).ToList();
        var outcome = await users.HandleAsync(caller, new CreateUserCommand(user.Id, user.DisplayName, user.Email, roles), ct).ConfigureAwait(false);
        await CountAsync(outcome, existing, user.Row, file, UserField,
            stored => stored with { DisplayName = user.DisplayName, Email = user.Email, Roles = roles }, caller.Tenant, ct).ConfigureAwait(false);
    }

    private async Task ApplyClassAsync(Caller caller, RosterClass course, RosterRows file, CancellationToken ct)
    {
        var existing = await store.GetAsync<CourseRecord>(caller.Tenant, course.Id, ct).ConfigureAwait(false);
        var outcome = await courses.HandleAsync(caller, new CreateCourseCommand(course.Id, course.Title), ct).ConfigureAwait(false);
        await CountAsync(outcome, existing, course.Row, file, f => f == "id" ? "sourcedId" : f,
            stored => stored with { Title = course.Title }, caller.Tenant, ct).ConfigureAwait(false);
    }

    private async Task ApplyEnrollmentAsync(Caller caller, RosterEnrollment enrollment, RosterRows file, CancellationToken ct)
    {
        var id = EnrollmentRecord.IdFor(enrollment.CourseId, enrollment.UserId);
        if (enrollment.Delete)
        {
            var gone = await store.DeleteAsync(caller.Tenant, Containers.Enrollments, id, cancellationToken: ct).ConfigureAwait(false);
            access.Forget(caller.Tenant, enrollment.CourseId, enrollment.UserId);
            _ = gone ? file.Tally.Deleted++ : file.Tally.Unchanged++;
            return;
        }

        var existing = await store.GetAsync<EnrollmentRecord>(caller.Tenant, id, ct).ConfigureAwait(false);
        var section = enrollment.Section ?? existing?.Value.Section;
        var outcome = await enroll.HandleAsync(caller, new EnrollUserCommand(enrollment.CourseId, enrollment.UserId, enrollment.Role, section), ct).ConfigureAwait(false);
        if (outcome.Problem is { Kind: ProblemKind.NotFound })
        {
            file.Reject(enrollment.Row, "classSourcedId", $"No class '{enrollment.CourseId}' in classes.csv or in this school.");
            return;
        }

        await CountAsync(outcome, existing, enrollment.Row, file, f => f == "userId" ? "userSourcedId" : f,
            stored => stored with { Role = enrollment.Role, Section = section }, caller.Tenant, ct).ConfigureAwait(false);
        access.Forget(caller.Tenant, enrollment.CourseId, enrollment.UserId);
    }

    /// <summary>Counts a create use case's outcome; a conflict with a stored record means "update it", guarded by the ETag read before.</summary>
    private async Task CountAsync<T>(Outcome<T> outcome, Versioned<T>? existing, int row, RosterRows file, Func<string, string> column, Func<T, T> update, TenantId tenant, CancellationToken ct)
        where T : class, IStoredRecord
    {
        switch (outcome.Problem)
        {
            case null:
                _ = outcome.Created ? file.Tally.Created++ : file.Tally.Unchanged++;
                return;
            case { Kind: ProblemKind.Conflict } when existing is not null:
                var (status, _) = await store.ReplaceAsync(tenant, update(existing.Value), existing.ETag, ct).ConfigureAwait(false);
                if (status == WriteStatus.PreconditionFailed)
                {
                    file.Reject(row, "sourcedId", "The record changed while importing; import again.");
                    return;
                }

                file.Tally.Updated++;
                return;
            case { Errors: { Count: > 0 } errors }:
                foreach (var (field, messages) in errors)
                {
                    file.Reject(row, column(field), string.Join(' ', messages));
                }

                return;
            case { } problem:
                file.Reject(row, "sourcedId", problem.Detail ?? problem.Title);
                return;
        }
    }

    private static string UserField(string field) => field switch
    {
        "id" => "sourcedId",
        "displayName" => "givenName",
        _ when field.StartsWith("roles", StringComparison.Ordinal) => "role",
        _ => field,
    };
}
