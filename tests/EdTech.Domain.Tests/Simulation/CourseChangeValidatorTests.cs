using EdTech.Domain.Simulation;

namespace EdTech.Domain.Tests.Simulation;

public sealed class CourseChangeValidatorTests
{
    [Fact]
    public void Validate_UnknownItemsAndSkills_ListsEachOnceSorted()
    {
        var change = new CourseChange(
            RemoveItems: ["quiz/q1", "quiz/nope", "other/x"],
            AddItems: [new AddedItem("quiz", "new1", ["count", "probability"], 0.5)],
            Prerequisites: new Dictionary<string, IReadOnlyList<string>> { ["algebra"] = ["fractions"] },
            PracticePerSkill: new Dictionary<string, int> { ["count"] = 3, ["graphs"] = 2 });

        var problems = CourseChangeValidator.Validate(SimulationCourse.Model, change);

        Assert.Equal(["other/x", "quiz/nope"], problems.UnknownItems);
        Assert.Equal(["algebra", "fractions", "graphs", "probability"], problems.UnknownSkills);
        Assert.Empty(problems.Errors);
        Assert.False(problems.IsEmpty);
    }

    [Fact]
    public void Validate_KnownIds_HasNoProblems()
    {
        var change = new CourseChange(
            RemoveItems: ["quiz/q1"],
            AddItems: [new AddedItem("quiz", "new1", ["count"], 0.5)],
            Prerequisites: new Dictionary<string, IReadOnlyList<string>> { ["measure"] = ["count"] },
            MasteryThreshold: 0.9,
            PracticePerSkill: new Dictionary<string, int> { ["count"] = 3 },
            ModuleOrder: ["geometry", "numbers"]);

        Assert.True(CourseChangeValidator.Validate(SimulationCourse.Model, change).IsEmpty);
    }

    [Fact]
    public void Validate_PrerequisiteCycle_IsAnError()
    {
        var change = new CourseChange(Prerequisites: new Dictionary<string, IReadOnlyList<string>> { ["count"] = ["add"] });

        var problems = CourseChangeValidator.Validate(SimulationCourse.Model, change);

        Assert.Contains(problems.Errors, e => e.Contains("cycle", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.0)]
    [InlineData(double.NaN)]
    public void Validate_ThresholdOutsideZeroToOne_IsAnError(double threshold) =>
        Assert.Single(CourseChangeValidator.Validate(SimulationCourse.Model, new CourseChange(MasteryThreshold: threshold)).Errors);

    [Fact]
    public void Validate_ModuleOrderUnknownOrIncomplete_IsReported()
    {
        Assert.Equal(["algebra"], CourseChangeValidator.Validate(SimulationCourse.Model, new CourseChange(ModuleOrder: ["algebra", "numbers"])).UnknownModules);
        Assert.Single(CourseChangeValidator.Validate(SimulationCourse.Model, new CourseChange(ModuleOrder: ["numbers"])).Errors);
    }

    [Fact]
    public void Validate_AddedItemThatExists_IsAnError() =>
        Assert.Single(CourseChangeValidator.Validate(SimulationCourse.Model, new CourseChange(AddItems: [new AddedItem("quiz", "q3", ["count"], 0)])).Errors);

    [Fact]
    public void Prepare_UnknownIds_GivesNoPlan()
    {
        var prepared = CurriculumSimulation.Prepare(SimulationCourse.Model, new CourseChange(RemoveItems: ["quiz/nope"]), SimulationPriors.Default);

        Assert.Null(prepared.Plan);
        Assert.Equal(["quiz/nope"], prepared.Problems.UnknownItems);
    }
}
