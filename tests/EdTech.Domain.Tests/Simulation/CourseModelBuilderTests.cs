using EdTech.Domain.Learning;
using EdTech.Domain.Learning.BktModel;
using EdTech.Domain.Learning.IrtModel;
using EdTech.Domain.Simulation;

namespace EdTech.Domain.Tests.Simulation;

public sealed class CourseModelBuilderTests
{
    [Fact]
    public void Build_ThinData_UsesPriorsAndSaysSo()
    {
        var fitted = new BktParameters(0.5, 0.3, 0.05, 0.1);
        var calibration = new CourseCalibration(
            [
                new ItemCalibration("quiz/a", ["count"], new IrtItem(1.4, 0.3), 500),
                new ItemCalibration("quiz/b", ["count"], new IrtItem(3.0, 2.0), 12, TaggedDifficulty: -0.5),
            ],
            [new SkillCalibration("count", fitted, 1000), new SkillCalibration("add", fitted, 40)],
            new Dictionary<string, IReadOnlyList<string>>(),
            []);

        var (model, warnings) = CourseModelBuilder.Build(calibration, SimulationPriors.Default);

        Assert.Equal(new IrtItem(1.4, 0.3), model.Items[0].Parameters);
        Assert.Equal(new IrtItem(1, -0.5), model.Items[1].Parameters);
        Assert.Same(fitted, model.Skills[0].Parameters);
        Assert.Same(SimulationPriors.Default.Bkt, model.Skills[1].Parameters);
        Assert.Equal(2, warnings.Count);
        Assert.Contains("skill add: prior used, 40 responses", warnings);
        Assert.Contains(warnings, w => w.StartsWith("item quiz/b: prior used", StringComparison.Ordinal) && w.EndsWith("12 responses", StringComparison.Ordinal));
    }
}
