using EdTech.Application.Learning;
using EdTech.Application.Records;
using EdTech.Application.Records.Views;
using EdTech.Application.Storage;
using EdTech.Domain.Learning;
using EdTech.Domain.Learning.BktModel;
using EdTech.Domain.Learning.IrtModel;
using EdTech.Domain.Simulation;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Content.Simulations;

/// <summary>
/// The course as the simulator sees it, from the store: every assessment item "assessmentId/itemId" with its skills; the
/// nightly calibration's 2PL parameters (<see cref="ItemParametersRecord"/>); BKT per skill fitted here (<see cref="BktFitter"/>)
/// on each student's answers to the skill's items in answer order; the skill graph's prerequisites; the modules in course
/// order, each practising the skills of the assessments it lists. <see cref="CourseModelBuilder"/> then uses the documented
/// priors, with a warning each, where the data are thin. <see cref="LoadStructureAsync"/> reads only the ids (for
/// validating a request without reading any answer).
/// </summary>
public sealed class SimulationModelSource(IDocumentStore store)
{
    /// <returns>Null when the course has no assessment items.</returns>
    public Task<(CourseModel Model, IReadOnlyList<string> Warnings)?> LoadStructureAsync(TenantId tenant, string courseId, CancellationToken ct) =>
        LoadAsync(tenant, courseId, calibrated: false, ct);

    /// <returns>Null when the course has no assessment items.</returns>
    public Task<(CourseModel Model, IReadOnlyList<string> Warnings)?> LoadCalibratedAsync(TenantId tenant, string courseId, CancellationToken ct) =>
        LoadAsync(tenant, courseId, calibrated: true, ct);

    private async Task<(CourseModel Model, IReadOnlyList<string> Warnings)?> LoadAsync(TenantId tenant, string courseId, bool calibrated, CancellationToken ct)
    {
        var assessments = (await store.QueryAsync<AssessmentRecord>(tenant, DocumentQuery.InPartition(courseId), ct).ConfigureAwait(false))
            .Select(a => a.Value).OrderBy(a => a.Id, StringComparer.Ordinal).ToList();
        var items = assessments.SelectMany(a => a.Assessment.Items.Select(i => (a.Id, Item: i))).ToList();
        if (items.Count == 0)
        {
            return null;
        }

        var graph = (await store.GetAsync<SkillGraphRecord>(tenant, courseId, ct).ConfigureAwait(false))?.Value;
        var prerequisites = (graph?.Prerequisites ?? []).Where(p => p.Requires.Count > 0)
            .ToDictionary(p => p.Skill, p => (IReadOnlyList<string>)p.Requires.Distinct(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);
        var skillIds = items.SelectMany(i => i.Item.Skills).Concat(prerequisites.Keys).Concat(prerequisites.Values.SelectMany(v => v))
            .Distinct(StringComparer.Ordinal).ToList();
        var modules = await ModulesAsync(tenant, courseId, assessments, ct).ConfigureAwait(false);

        var parameters = new Dictionary<string, ItemParametersRecord>(StringComparer.Ordinal);
        var skillFits = new Dictionary<string, (BktParameters? Fit, int Responses)>(StringComparer.Ordinal);
        if (calibrated)
        {
            parameters = (await store.QueryAsync<ItemParametersRecord>(tenant, DocumentQuery.InPartition(courseId), ct).ConfigureAwait(false))
                .Select(p => p.Value).ToDictionary(p => p.Id, StringComparer.Ordinal);
            skillFits = await FitSkillsAsync(tenant, courseId, items, ct).ConfigureAwait(false);
        }

        var calibration = new CourseCalibration(
            items.Select(i => new ItemCalibration(
                ItemId(i.Id, i.Item.Id),
                i.Item.Skills.Distinct(StringComparer.Ordinal).ToArray(),
                parameters.GetValueOrDefault(ItemParametersRecord.IdFor(i.Id, i.Item.Id)) is { } p ? new IrtItem(p.Discrimination, p.Difficulty) : null,
                parameters.GetValueOrDefault(ItemParametersRecord.IdFor(i.Id, i.Item.Id))?.Responses ?? 0)).ToArray(),
            skillIds.Select(s => skillFits.TryGetValue(s, out var fit) ? new SkillCalibration(s, fit.Fit, fit.Responses) : new SkillCalibration(s, null, 0)).ToArray(),
            prerequisites.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
            modules);
        return CourseModelBuilder.Build(calibration, SimulationPriors.Default);
    }

    /// <summary>The simulator's item id: "assessmentId/itemId".</summary>
    public static string ItemId(string assessmentId, string itemId) => $"{assessmentId}/{itemId}";

    /// <summary>Modules by position; each practises the skills of its assessments' items, a skill in the first module that has it.</summary>
    private async Task<IReadOnlyList<CourseModule>> ModulesAsync(TenantId tenant, string courseId, IReadOnlyList<AssessmentRecord> assessments, CancellationToken ct)
    {
        var byId = assessments.ToDictionary(a => a.Id, StringComparer.Ordinal);
        var stored = await store.QueryAsync<ModuleRecord>(tenant, DocumentQuery.InPartition(courseId), ct).ConfigureAwait(false);
        var placed = new HashSet<string>(StringComparer.Ordinal);
        var modules = new List<CourseModule>();
        foreach (var module in stored.Select(m => m.Value).OrderBy(m => m.Position).ThenBy(m => m.ModuleId, StringComparer.Ordinal))
        {
            var skills = module.Items.Where(i => i.AssessmentId is not null && byId.ContainsKey(i.AssessmentId))
                .SelectMany(i => byId[i.AssessmentId!].Assessment.Items.SelectMany(item => item.Skills))
                .Where(placed.Add).ToArray();
            modules.Add(new CourseModule(module.ModuleId, skills));
        }

        return modules;
    }

    /// <summary>Per skill, each student's answers to the skill's items in answer order, fitted when there are enough of them.</summary>
    private async Task<Dictionary<string, (BktParameters? Fit, int Responses)>> FitSkillsAsync(
        TenantId tenant, string courseId, IReadOnlyList<(string AssessmentId, Domain.Assessments.AssessmentItem Item)> items, CancellationToken ct)
    {
        var skillsOf = items.ToDictionary(i => ItemParametersRecord.IdFor(i.AssessmentId, i.Item.Id), i => i.Item.Skills, StringComparer.Ordinal);
        var responses = await StoredResponses.InCourseAsync(store, tenant, courseId, ct).ConfigureAwait(false);
        var sequences = responses
            .Where(r => skillsOf.ContainsKey(ItemParametersRecord.IdFor(r.AssessmentId, r.ItemId)))
            .SelectMany(r => skillsOf[ItemParametersRecord.IdFor(r.AssessmentId, r.ItemId)].Distinct(StringComparer.Ordinal).Select(s => (Skill: s, Response: r)))
            .GroupBy(x => x.Skill, StringComparer.Ordinal);
        var fits = new Dictionary<string, (BktParameters? Fit, int Responses)>(StringComparer.Ordinal);
        foreach (var skill in sequences)
        {
            var count = skill.Count();
            var perStudent = skill.GroupBy(x => x.Response.UserId, StringComparer.Ordinal)
                .Select(g => (IReadOnlyList<bool>)g.OrderBy(x => x.Response.AnsweredAt).ThenBy(x => x.Response.Id, StringComparer.Ordinal).Select(x => x.Response.Correct).ToArray())
                .ToList();
            fits[skill.Key] = (count >= SimulationPriors.Default.MinSkillResponses ? BktFitter.Fit(perStudent, BktFitOptions.Default).Parameters : null, count);
        }

        return fits;
    }
}
