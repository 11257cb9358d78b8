using EdTech.Domain.Adaptive;

namespace EdTech.Domain.Tests.Adaptive;

public sealed class SkillGraphTests
{
    [Fact]
    public void FindCycle_TwoSkillsRequiringEachOther_ReturnsThePath()
    {
        var cycle = SkillGraph.FindCycle(Map(("a", ["b"]), ("b", ["a"])));

        Assert.Equal(["a", "b", "a"], cycle);
    }

    [Fact]
    public void FindCycle_SkillRequiringItself_IsACycle()
    {
        Assert.Equal(["a", "a"], SkillGraph.FindCycle(Map(("a", ["a"]))));
    }

    [Fact]
    public void FindCycle_DiamondWithoutCycle_IsNull()
    {
        Assert.Null(SkillGraph.FindCycle(Map(("d", ["b", "c"]), ("b", ["a"]), ("c", ["a"]))));
    }

    [Fact]
    public void Constructor_Cycle_Throws()
    {
        Assert.Throws<ArgumentException>(() => new SkillGraph(Map(("a", ["b"]), ("b", ["c"]), ("c", ["a"]))));
    }

    [Fact]
    public void PrerequisitesFirst_Chain_DeepestFirstWithoutTheSkillItself()
    {
        var graph = new SkillGraph(Map(("division", ["multiplication"]), ("multiplication", ["addition"]), ("addition", ["counting"])));

        Assert.Equal(["counting", "addition", "multiplication"], graph.PrerequisitesFirst("division"));
        Assert.Empty(graph.PrerequisitesFirst("counting"));
    }

    internal static Dictionary<string, IReadOnlyList<string>> Map(params (string Skill, string[] Requires)[] edges) =>
        edges.ToDictionary(e => e.Skill, e => (IReadOnlyList<string>)e.Requires, StringComparer.Ordinal);
}
