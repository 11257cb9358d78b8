using EdTech.Domain.Learning;
using EdTech.Domain.Learning.BktModel;
using EdTech.Domain.Learning.IrtModel;
using EdTech.Domain.Simulation;

namespace EdTech.Domain.Tests.Simulation;

/// <summary>A small course for the simulation tests: 4 skills in 2 modules, "add" needs "count", 12 items.</summary>
internal static class SimulationCourse
{
    public static CourseModel Model { get; } = Build();

    public static SimulationPlan Plan(CourseChange change, IReadOnlyList<ParameterDraw>? draws = null)
    {
        var prepared = CurriculumSimulation.Prepare(Model, change, SimulationPriors.Default, draws);
        Assert.True(prepared.Problems.IsEmpty, string.Join("; ", prepared.Problems.Errors));
        return prepared.Plan!;
    }

    public static SimulationSummary Simulate(CourseChange change, int students = 4000, long seed = 7) =>
        CurriculumSimulation.Simulate(Plan(change), students, seed);

    private static CourseModel Build()
    {
        string[] skills = ["count", "add", "shapes", "measure"];
        var items = Enumerable.Range(0, 12)
            .Select(i => new SimulatedItem($"quiz/q{i}", [skills[i % 4]], new IrtItem(0.8 + (0.05 * i), -1.5 + (0.25 * i))))
            .ToArray();
        return new CourseModel(
            items,
            [
                new SimulatedSkill("count", new BktParameters(0.4, 0.2, 0.1, 0.2), 6),
                new SimulatedSkill("add", new BktParameters(0.2, 0.15, 0.1, 0.2), 6),
                new SimulatedSkill("shapes", new BktParameters(0.3, 0.1, 0.1, 0.25), 4),
                new SimulatedSkill("measure", new BktParameters(0.25, 0.1, 0.05, 0.2), 4),
            ],
            new Dictionary<string, IReadOnlyList<string>> { ["add"] = ["count"] },
            [new CourseModule("numbers", ["add", "count"]), new CourseModule("geometry", ["shapes", "measure"])]);
    }
}
