using EdTech.Application.Access;
using EdTech.Application.Common;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Assessments;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Assessments;

public sealed class CreateAssessmentHandler(IDocumentStore store, CourseAccess access, TimeProvider clock)
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

        var assessment = ToDomain(command);
        var record = new AssessmentRecord(assessment.Id, command.CourseId, 1, assessment, caller.UserId, clock.GetUtcNow());
        return await store.CreateAsync(caller.Tenant, record, static (a, b) =>
            a.CourseId == b.CourseId && TypedDocumentStore.Serialize(a.Assessment) == TypedDocumentStore.Serialize(b.Assessment), ct).ConfigureAwait(false);
    }

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
            i.Tolerance, i.Points!.Value, i.Skills!)).ToList());
}
