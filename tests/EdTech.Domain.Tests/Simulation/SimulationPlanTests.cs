using System.Text.Json;
using EdTech.Domain.Learning;
using EdTech.Domain.Learning.BktModel;
using EdTech.Domain.Simulation;

namespace EdTech.Domain.Tests.Simulation;

public sealed class SimulationPlanTests
{
    private static readonly CourseChange MorePracticeOnAdd = new(PracticePerSkill: new Dictionary<string, int> { ["add"] = 20 });

    [Fact]
    public void Simulate_SameSeedAndInput_GivesIdenticalFigures()
    {
        var first = Json(SimulationCourse.Simulate(MorePracticeOnAdd, seed: 42));
        var again = Json(SimulationCourse.Simulate(MorePracticeOnAdd, seed: 42));
        var other = Json(SimulationCourse.Simulate(MorePracticeOnAdd, seed: 43));

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void Run_InUnevenChunks_AddsUpToExactlyTheOneRunTotals()
    {
        var plan = SimulationCourse.Plan(MorePracticeOnAdd);
        var whole = plan.Run(seed: 9, 0, 3000);

        var chunks = SimulationTally.Combine([plan.Run(9, 2000, 3000), plan.Run(9, 0, 1), plan.Run(9, 1, 777), plan.Run(9, 777, 2000)]);
        var parallel = plan.RunParallel(9, 3000, chunkSize: 128);

        Assert.Equal(whole.Sums, chunks.Sums);
        Assert.Equal(whole.Students, chunks.Students);
        Assert.Equal(whole.Sums, parallel.Sums);
        Assert.Equal(Json(plan.Summarise(whole)), Json(plan.Summarise(chunks)));
    }

    [Fact]
    public void Simulate_NoChange_DeltaIsExactlyZero()
    {
        var delta = SimulationCourse.Simulate(CourseChange.None).Delta;

        Assert.Equal(new Estimate(0, 0, 0), delta.PassRate);
        Assert.Equal(new Estimate(0, 0, 0), delta.MeanScore);
        Assert.All(delta.Mastery.Values, e => Assert.Equal(new Estimate(0, 0, 0), e));
    }

    [Fact]
    public void Simulate_RemovingItems_LeavesTheBaselineUnchanged()
    {
        var unchanged = SimulationCourse.Simulate(CourseChange.None);
        var removed = SimulationCourse.Simulate(new CourseChange(RemoveItems: ["quiz/q10", "quiz/q11"]));

        Assert.Equal(Json(unchanged.Baseline), Json(removed.Baseline));
        Assert.True(removed.Delta.MeanScore.Low > 0, "removing the two hardest items raises the mean score");
    }

    [Fact]
    public void Simulate_MorePracticeOnASkill_RaisesItsMasteryAndTheScore()
    {
        var delta = SimulationCourse.Simulate(MorePracticeOnAdd).Delta;

        Assert.True(delta.Mastery["add"].Low > 0.05, $"mastery delta {delta.Mastery["add"]}");
        Assert.True(delta.TimeToMastery["add"].Low > 0);
        Assert.True(delta.MeanScore.Low > 0, $"score delta {delta.MeanScore}");
        Assert.Equal(new Estimate(0, 0, 0), delta.Mastery["shapes"]);
    }

    [Fact]
    public void Simulate_HigherMasteryThreshold_LowersTheShareMastered()
    {
        var summary = SimulationCourse.Simulate(new CourseChange(MasteryThreshold: 0.99));

        Assert.All(summary.Delta.Mastery, kv => Assert.True(kv.Value.High < 0, $"{kv.Key}: {kv.Value}"));
    }

    [Fact]
    public void Simulate_PrerequisiteModuleFirst_RaisesMasteryOfTheDependentSkill()
    {
        // "add" needs "count"; the baseline's numbers module lists add first, so it stays there (count is pulled forward
        // within the module). Moving count to a module that comes after numbers makes students practise add first.
        var model = SimulationCourse.Model with
        {
            Modules = [new CourseModule("numbers", ["add"]), new CourseModule("counting", ["count"]), new CourseModule("geometry", ["shapes", "measure"])],
        };
        var plan = CurriculumSimulation.Prepare(model, new CourseChange(ModuleOrder: ["counting", "numbers", "geometry"]), SimulationPriors.Default).Plan!;

        var delta = CurriculumSimulation.Simulate(plan, 4000, 3).Delta;

        Assert.True(delta.Mastery["add"].Low > 0, $"{delta.Mastery["add"]}");
        Assert.Equal(new Estimate(0, 0, 0), delta.Mastery["count"]);
    }

    [Fact]
    public void Simulate_MoreStudents_NarrowsTheIntervals()
    {
        static double Width(Estimate e) => e.High - e.Low;
        var small = SimulationCourse.Simulate(MorePracticeOnAdd, students: 1000);
        var large = SimulationCourse.Simulate(MorePracticeOnAdd, students: 16000);

        // Width ∝ 1/√n: 16 times the students, about a quarter of the width.
        Assert.InRange(Width(large.Delta.MeanScore) / Width(small.Delta.MeanScore), 0.15, 0.35);
        Assert.InRange(Width(large.Baseline.PassRate) / Width(small.Baseline.PassRate), 0.15, 0.35);
    }

    [Fact]
    public void Simulate_ParameterDraws_WidenTheIntervalsByTheirSpread()
    {
        ParameterDraw Shifted(double b) => new(
            SimulationCourse.Model.Items.ToDictionary(i => i.Id, i => i.Parameters with { Difficulty = i.Parameters.Difficulty + b }),
            new Dictionary<string, BktParameters>());
        var draws = Enumerable.Range(0, 10).Select(d => Shifted((d - 4.5) * 0.1)).ToArray();
        var plan = SimulationCourse.Plan(CourseChange.None, draws);

        var summary = CurriculumSimulation.Simulate(plan, 20000, 1);
        var single = SimulationCourse.Simulate(CourseChange.None, students: 20000, seed: 1);

        Assert.Equal(10, summary.Draws);
        Assert.True(summary.Baseline.MeanScore.High - summary.Baseline.MeanScore.Low > 5 * (single.Baseline.MeanScore.High - single.Baseline.MeanScore.Low));
    }

    [Fact]
    public void Simulate_CalibratedAbilities_DrawsStudentsFromThem()
    {
        var strong = SimulationCourse.Model with { Abilities = [2.5, 3.0] };
        var plan = CurriculumSimulation.Prepare(strong, CourseChange.None, SimulationPriors.Default).Plan!;

        var fromAbilities = CurriculumSimulation.Simulate(plan, 2000, 1).Baseline.MeanScore;
        var fromNormal = SimulationCourse.Simulate(CourseChange.None, students: 2000, seed: 1).Baseline.MeanScore;

        Assert.True(fromAbilities.Low > fromNormal.High + 0.2, $"{fromAbilities} vs {fromNormal}");
    }

    [Fact]
    public void Prepare_WithoutDraws_WarnsThatIntervalsAreSimulationNoiseOnly()
    {
        var prepared = CurriculumSimulation.Prepare(SimulationCourse.Model, new CourseChange(AddItems: [new AddedItem("quiz", "n1", ["add"], 1)]), SimulationPriors.Default);

        Assert.Contains(prepared.Warnings, w => w.Contains("simulation noise only", StringComparison.Ordinal));
        Assert.Contains("item quiz/n1: new item, discrimination prior 1 used", prepared.Warnings);
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value);
}
