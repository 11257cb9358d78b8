using EdTech.Application.Access;
using EdTech.Application.Caching;
using EdTech.Application.Common;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Gradebooks;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Gradebooks.GradingSchemes;

public sealed record GradingCategoryInput(string? Id, string? Name, decimal? Weight, int? DropLowest);

/// <summary>The teacher's body for <c>PUT .../grading-scheme</c>; the course comes from the route.</summary>
public sealed record SetGradingSchemeCommand(IReadOnlyList<GradingCategoryInput>? Categories);

/// <summary>A course's grading scheme as the API shows it (an empty list when none was set).</summary>
public sealed record GradingSchemeView(string CourseId, IReadOnlyList<Domain.Gradebooks.GradingCategory> Categories, DateTimeOffset? UpdatedAt);

/// <summary>
/// Replaces the course's grading scheme (PUT: the body is the whole scheme). Assessments whose
/// category the new scheme no longer has simply take no part in the weighted grade.
/// </summary>
public sealed class SetGradingSchemeHandler(IDocumentStore store, CourseAccess access, TeacherQueryCache cache, TimeProvider clock)
{
    public async Task<Outcome<GradingSchemeView>> HandleAsync(Caller caller, string courseId, SetGradingSchemeCommand command, CancellationToken ct)
    {
        if (!await access.IsEnrolledAsync(caller.Tenant, courseId, caller.UserId, Roles.Teacher, ct).ConfigureAwait(false))
        {
            return Problem.NotFound("course");
        }

        if (SetGradingSchemeValidator.Validate(command) is { IsValid: false } invalid)
        {
            return invalid.ToProblem();
        }

        var categories = command.Categories!.Select(c => new GradingCategory(c.Id!, c.Name!.Trim(), c.Weight!.Value, c.DropLowest ?? 0)).ToList();
        var record = new GradingSchemeRecord(courseId, categories, caller.UserId, clock.GetUtcNow());
        Written.Ensure(await store.ReplaceAsync(caller.Tenant, record, ifMatch: null, ct).ConfigureAwait(false));
        await cache.InvalidateCourseAsync(caller.Tenant, courseId, ct).ConfigureAwait(false);
        return Outcome<GradingSchemeView>.Ok(GetGradingSchemeHandler.ToView(courseId, record));
    }
}
