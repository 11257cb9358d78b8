using EdTech.Application.Access;
using EdTech.Application.Assessments.Lifecycle;
using EdTech.Application.Caching;
using EdTech.Application.Common;
using EdTech.Application.Courses.Lifecycle;
using EdTech.Application.Outbox;
using EdTech.Application.Records;
using EdTech.Application.Rubrics;
using EdTech.Application.Storage;
using EdTech.Domain.Assessments;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Assessments;

/// <summary>
/// Creates an assessment (idempotent by its id). Its <c>assessment-published</c> event is written after the create, on the created
/// and on the already-created outcome alike: a client retrying after a crash between the two writes the event then (its id is fixed).
/// </summary>
public sealed class CreateAssessmentHandler(IDocumentStore store, CourseAccess access, TeacherQueryCache cache, IntegrationEventOutbox events, TimeProvider clock)
{
    public async Task<Outcome<AssessmentRecord>> HandleAsync(Caller caller, CreateAssessmentCommand command, CancellationToken ct)
    {
        if (!await access.IsEnrolledAsync(caller.Tenant, command.CourseId, caller.UserId, Roles.Teacher, ct).ConfigureAwait(false))
        {
            return Problem.NotFound("course");
        }

        var v = CreateAssessmentValidator.Validate(command);
        if (!v.IsValid)
        {
            return v.ToProblem();
        }

        if (await access.IsArchivedAsync(caller.Tenant, command.CourseId, ct).ConfigureAwait(false))
        {
            return CourseArchive.Refused(command.CourseId, "no assessments can be created in it");
        }

        if (command.Category is { } category && !await HasCategoryAsync(store, caller, command.CourseId, category, ct).ConfigureAwait(false))
        {
            return Problem.Invalid("category", "Not a category of the course's grading scheme.");
        }

        if (await ItemRubrics.ValidateAsync(store, caller.Tenant, command.CourseId, command.Items!, ct).ConfigureAwait(false) is { } badRubric)
        {
            return badRubric;
        }

        var assessment = ToDomain(command);
        var record = new AssessmentRecord(assessment.Id, command.CourseId, 1, assessment, caller.UserId, clock.GetUtcNow(),
            State: command.Published == false ? AssessmentStates.Draft : AssessmentStates.Published);
        var outcome = await store.CreateAsync(caller.Tenant, record, static (a, b) =>
            a.CourseId == b.CourseId && TypedDocumentStore.Serialize(a.Assessment) == TypedDocumentStore.Serialize(b.Assessment), ct).ConfigureAwait(false);
        if (outcome.Created)
        {
            await cache.InvalidateCourseAsync(caller.Tenant, command.CourseId, ct).ConfigureAwait(false);
        }

        // A draft is announced when it is published (SetAssessmentStateHandler), not before.
        if (outcome.Problem is null && outcome.Value is { } created && created.IsPublished())
        {
            await events.WriteAsync(caller.Tenant, IntegrationEvents.AssessmentPublished(created, IntegrationEvents.CreatedRevision, record.CreatedAt), ct).ConfigureAwait(false);
        }

        return outcome;
    }

    internal static async Task<bool> HasCategoryAsync(IDocumentStore store, Caller caller, string courseId, string category, CancellationToken ct) =>
        await store.GetAsync<GradingSchemeRecord>(caller.Tenant, courseId, ct).ConfigureAwait(false) is { } scheme
        && scheme.Value.Categories.Any(c => c.Id == category);

    internal static Assessment ToDomain(CreateAssessmentCommand c) => new(
        c.Id ?? ResourceId.New(),
        c.CourseId,
        c.Title!.Trim(),
        c.DueAt!.Value.ToUniversalTime(),
        c.GraceSeconds ?? 0,
        c.MaxAttempts,
        c.LatePolicy is { } late ? new LatePolicy(late.PercentPerDay!.Value, late.FloorPercent!.Value) : null,
        new ReleasePolicy(c.Release!.Mode!, c.Release.At?.ToUniversalTime()),
        c.Items!.Select(i => new AssessmentItem(i.Id!, i.Type!, i.Prompt!, i.Choices, i.Type == ItemType.Essay ? null : i.Answer,
            i.Tolerance, i.Points!.Value, i.Skills!, ItemOptionRules.Stored(i.Options), RubricId: i.RubricId)).ToList(),
        c.Category,
        TimeLimitSeconds: c.TimeLimitSeconds,
        OverTime: c.TimeLimitSeconds is null ? null : c.OverTime ?? Domain.Timing.OverTimePolicy.AcceptMarked);
}
