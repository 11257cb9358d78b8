using EdTech.Application.Access;
using EdTech.Application.Common;
using EdTech.Application.Records;
using EdTech.Application.Records.Views;
using EdTech.Application.Storage;
using EdTech.Domain.Adaptive;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Learning;

public sealed record SetSkillGraphCommand(IReadOnlyList<SkillPrerequisiteInput?>? Prerequisites);

public sealed record SkillPrerequisiteInput(string? Skill, IReadOnlyList<string?>? Requires);

public sealed record SkillGraphView(string CourseId, IReadOnlyList<SkillPrerequisite> Prerequisites);

/// <summary>
/// Replaces a course's skill prerequisite graph (teacher of the course). Rejects a cycle with 422 naming it, then
/// recomputes the recommendations of the course's students so the new order shows at once.
/// </summary>
public sealed class SetSkillGraphHandler(IDocumentStore store, CourseAccess access, RecommendationBuilder recommendations, TimeProvider clock)
{
    public const int MaxSkills = 500;
    public const int MaxSkillLength = 100;

    public async Task<Outcome<SkillGraphView>> HandleAsync(Caller caller, string courseId, SetSkillGraphCommand command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(command);
        if (!await access.IsEnrolledAsync(caller.Tenant, courseId, caller.UserId, Roles.Teacher, ct).ConfigureAwait(false))
        {
            return Problem.NotFound("course");
        }

        if (Validate(command) is { } problem)
        {
            return problem;
        }

        var prerequisites = command.Prerequisites!.Select(p => new SkillPrerequisite(p!.Skill!.Trim(), [.. p.Requires!.Select(r => r!.Trim()).Distinct(StringComparer.Ordinal)])).ToList();
        if (SkillGraph.FindCycle(SkillGraphs.ToMap(prerequisites)) is { } cycle)
        {
            return Problem.Invalid("prerequisites", $"Prerequisites form a cycle: {string.Join(" -> ", cycle)}.");
        }

        var record = new SkillGraphRecord(courseId, prerequisites, caller.UserId, clock.GetUtcNow());
        Written.Ensure(await store.ReplaceAsync(caller.Tenant, record, null, ct).ConfigureAwait(false));
        var students = await store.QueryAsync<LearnerStateRecord>(caller.Tenant, DocumentQuery.Where("courseId", courseId), ct).ConfigureAwait(false);
        foreach (var userId in students.Select(s => s.Value.UserId).Distinct(StringComparer.Ordinal))
        {
            await recommendations.RebuildAsync(caller.Tenant, userId, ct).ConfigureAwait(false);
        }

        return Outcome<SkillGraphView>.Ok(new SkillGraphView(courseId, prerequisites));
    }

    private static Problem? Validate(SetSkillGraphCommand command)
    {
        var v = new Validation();
        if (command.Prerequisites is null)
        {
            return v.Add("prerequisites", "Required.").ToProblem();
        }

        v.Require(command.Prerequisites.Count <= MaxSkills, "prerequisites", $"At most {MaxSkills} entries.");
        for (var i = 0; i < command.Prerequisites.Count && i < MaxSkills; i++)
        {
            var p = command.Prerequisites[i];
            if (p is null)
            {
                v.Add($"prerequisites[{i}]", "Required.");
                continue;
            }

            v.Text(p.Skill, $"prerequisites[{i}].skill", MaxSkillLength);
            if (p.Requires is null)
            {
                v.Add($"prerequisites[{i}].requires", "Required (may be empty).");
                continue;
            }

            for (var j = 0; j < p.Requires.Count; j++)
            {
                v.Text(p.Requires[j], $"prerequisites[{i}].requires[{j}]", MaxSkillLength);
            }
        }

        return v.IsValid ? null : v.ToProblem();
    }
}
