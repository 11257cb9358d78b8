using EdTech.Domain.Serialization;
using System.Globalization;
using EdTech.Application.Commands;
using EdTech.Application.Common;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Simulation;

namespace EdTech.Application.Content.Simulations;

/// <summary>Body of <c>POST /api/content/simulations</c>.</summary>
public sealed record StartSimulationCommand(string? CourseId, int? Students, int? Seed, SimulationChangeBody? Change);

/// <summary>The proposed change; absent parts change nothing (<see cref="CourseChange"/>). <see cref="ModuleOrder"/> is an extension to the contract.</summary>
public sealed record SimulationChangeBody(
    IReadOnlyList<string?>? RemoveItems = null,
    IReadOnlyList<AddedItemBody?>? AddItems = null,
    IReadOnlyDictionary<string, IReadOnlyList<string?>?>? Prerequisites = null,
    double? MasteryThreshold = null,
    IReadOnlyDictionary<string, int>? PracticePerSkill = null,
    IReadOnlyList<string?>? ModuleOrder = null);

public sealed record AddedItemBody(string? AssessmentId, string? ItemId, IReadOnlyList<string?>? Skills, double? Difficulty);

public sealed record SimulationAccepted(string Id);

/// <summary>
/// Validates the request against the course's structure (unknown item, skill or module ids → 422 naming them, field by field),
/// holds the tenant to <see cref="SimulationSettings.MaxRunningPerTenant"/> running simulations (429 with Retry-After), then
/// stores the simulation as running and requests its workflow run (docs/commands.md): the change feed starts the durable run
/// from that record and the reconciler re-drives it after a crash. Reads no answers: calibration happens in the run.
/// </summary>
public sealed class StartSimulationHandler(IDocumentStore store, SimulationModelSource models, WorkflowRuns runs, SimulationSettings settings, TimeProvider clock)
{
    public const int DefaultStudents = 10_000;
    public const int MinStudents = 100;
    public const int MaxListed = 1000;
    public const int QuotaRetryAfterSeconds = 30;

    public async Task<Outcome<SimulationAccepted>> HandleAsync(Caller caller, StartSimulationCommand command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(command);
        var validation = Validate(command);
        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        var courseId = command.CourseId!;
        if (await store.GetAsync<CourseRecord>(caller.Tenant, courseId, ct).ConfigureAwait(false) is null)
        {
            return Problem.NotFound("course");
        }

        if (await models.LoadStructureAsync(caller.Tenant, courseId, ct).ConfigureAwait(false) is not { } structure)
        {
            return Problem.Invalid("courseId", "The course has no assessment items to simulate.");
        }

        var change = ToChange(command.Change!);
        var problems = CourseChangeValidator.Validate(structure.Model, change);
        if (!problems.IsEmpty)
        {
            return Problem.Invalid(Errors(problems, change));
        }

        var running = await CountRunningAsync(caller, ct).ConfigureAwait(false);
        if (running >= settings.MaxRunningPerTenant)
        {
            return Problem.TooManyRequests(
                $"{running} simulations of this tenant are running; at most {settings.MaxRunningPerTenant} may run at once. Retry when one has finished.",
                QuotaRetryAfterSeconds);
        }

        var id = Guid.NewGuid().ToString("n");
        var record = new SimulationRecord(id, SimulationStatus.Running, courseId, command.Students ?? DefaultStudents, command.Seed ?? SeedOf(id), change, caller.UserId, clock.GetUtcNow());
        // The simulation first, then its run: the run's starter drops a run whose simulation it cannot find.
        await store.CreateAsync(caller.Tenant, record, ct).ConfigureAwait(false);
        await runs.RequestAsync(caller.Tenant, WorkflowRunRecord.SimulateKind, id, 0, courseId, ct).ConfigureAwait(false);
        return Outcome<SimulationAccepted>.New(new SimulationAccepted(id));
    }

    /// <summary>The seed of a request that gave none: from its id, and reported with the result so the run can be repeated.</summary>
    public static int SeedOf(string id) => int.Parse(id.AsSpan(0, 8), NumberStyles.HexNumber, CultureInfo.InvariantCulture) & int.MaxValue;

    private async Task<int> CountRunningAsync(Caller caller, CancellationToken ct)
    {
        var since = clock.GetUtcNow() - settings.StaleAfter;
        var running = await store.QueryAsync<SimulationRecord>(caller.Tenant, DocumentQuery.Where("status", SimulationStatus.Running.Wire()), ct).ConfigureAwait(false);
        return running.Count(r => r.Value.CreatedAt > since);
    }

    private static Validation Validate(StartSimulationCommand command)
    {
        var v = new Validation().Id(command.CourseId, "courseId", required: true);
        v.Require(command.Students is null or (>= MinStudents and <= CurriculumSimulation.MaxStudents), "students", $"From {MinStudents} to {CurriculumSimulation.MaxStudents}.");
        if (command.Change is not { } change)
        {
            return v.Add("change", "Required.");
        }

        v.Require((change.RemoveItems?.Count ?? 0) <= MaxListed, "change.removeItems", $"At most {MaxListed} items.");
        for (var i = 0; i < (change.RemoveItems?.Count ?? 0); i++)
        {
            v.Require(!string.IsNullOrWhiteSpace(change.RemoveItems![i]), $"change.removeItems[{i}]", "An item id \"assessmentId/itemId\".");
        }

        v.Require((change.AddItems?.Count ?? 0) <= MaxListed, "change.addItems", $"At most {MaxListed} items.");
        for (var i = 0; i < (change.AddItems?.Count ?? 0); i++)
        {
            var field = $"change.addItems[{i}]";
            if (change.AddItems![i] is not { } item)
            {
                v.Add(field, "Required.");
                continue;
            }

            v.Id(item.AssessmentId, field + ".assessmentId", required: true).Id(item.ItemId, field + ".itemId", required: true);
            v.Require(item.Difficulty is not null, field + ".difficulty", "Required: b on the course's logit scale, in [-6, 6].");
            v.Require(item.Skills is { Count: > 0 } skills && skills.All(s => !string.IsNullOrWhiteSpace(s)), field + ".skills", "At least one skill id.");
        }

        foreach (var (skill, requires) in change.Prerequisites ?? new Dictionary<string, IReadOnlyList<string?>?>())
        {
            v.Require(requires is not null && requires.All(r => !string.IsNullOrWhiteSpace(r)), $"change.prerequisites.{skill}", "A list of skill ids (empty to remove them).");
        }

        v.Require((change.ModuleOrder ?? []).All(m => !string.IsNullOrWhiteSpace(m)), "change.moduleOrder", "Module ids.");
        return v;
    }

    private static CourseChange ToChange(SimulationChangeBody body) => new(
        body.RemoveItems?.Select(i => i!).ToArray(),
        body.AddItems?.Select(a => new AddedItem(a!.AssessmentId!, a.ItemId!, a.Skills!.Select(s => s!).ToArray(), a.Difficulty!.Value)).ToArray(),
        body.Prerequisites?.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value!.Select(s => s!).ToArray(), StringComparer.Ordinal),
        body.MasteryThreshold,
        body.PracticePerSkill?.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
        body.ModuleOrder?.Select(m => m!).ToArray());

    /// <summary>Each unknown id under the field that names it; the validator's other problems under the field they are about.</summary>
    private static Dictionary<string, string[]> Errors(ChangeProblems problems, CourseChange change)
    {
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Add(string field, string message) => (errors.TryGetValue(field, out var list) ? list : errors[field] = []).Add(message);
        if (problems.UnknownItems.Count > 0)
        {
            Add("change.removeItems", $"Unknown item ids: {string.Join(", ", problems.UnknownItems)}.");
        }

        var skillFields = new (string Field, Func<string, bool> Names)[]
        {
            ("change.addItems", s => (change.AddItems ?? []).Any(a => a.Skills.Contains(s, StringComparer.Ordinal))),
            ("change.prerequisites", s => (change.Prerequisites ?? new Dictionary<string, IReadOnlyList<string>>()).Any(p => p.Key == s || p.Value.Contains(s, StringComparer.Ordinal))),
            ("change.practicePerSkill", s => change.PracticePerSkill?.ContainsKey(s) == true),
        };
        foreach (var (field, names) in skillFields)
        {
            var unknown = problems.UnknownSkills.Where(names).ToArray();
            if (unknown.Length > 0)
            {
                Add(field, $"Unknown skill ids: {string.Join(", ", unknown)}.");
            }
        }

        if (problems.UnknownModules.Count > 0)
        {
            Add("change.moduleOrder", $"Unknown module ids: {string.Join(", ", problems.UnknownModules)}.");
        }

        foreach (var error in problems.Errors)
        {
            var head = error.Split(':', ' ')[0];
            Add(head is "addItems" or "practicePerSkill" or "masteryThreshold" or "moduleOrder" ? "change." + head : head == "prerequisites" ? "change.prerequisites" : "change", error);
        }

        return errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
    }
}
