using EdTech.Application.Rubrics;

namespace EdTech.Application.Tests.Rubrics;

public sealed class RubricValidatorTests
{
    private static RubricCommand Body(params RubricCriterionInput[] criteria) => new("r1", "Essay", null, criteria);

    private static RubricCriterionInput Criterion(string id, params RubricLevelInput[] levels) => new(id, id.ToUpperInvariant(), null, levels);

    private static string[] Fields(RubricCommand c) => RubricValidator.Validate(c).ToProblem().Errors!.Keys.Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public void Validate_AValidRubric_IsValid() =>
        Assert.True(RubricValidator.Validate(Body(Criterion("a", new RubricLevelInput("l1", "L1", null, 0), new RubricLevelInput("l2", "L2", "d", 2.5m)))).IsValid);

    [Fact]
    public void Validate_NamesEachBadFieldByItsPath()
    {
        var body = Body(
            Criterion("a", new RubricLevelInput("l1", "L1", null, 1), new RubricLevelInput("l1", "", null, null)),
            Criterion("a", new RubricLevelInput("bad id!", "L", null, 1000.5m)),
            new RubricCriterionInput("c", "C", null, []));

        Assert.Equal(["criteria[0].levels[1].id", "criteria[0].levels[1].points", "criteria[0].levels[1].title", "criteria[1].id",
            "criteria[1].levels[0].id", "criteria[1].levels[0].points", "criteria[2].levels"], Fields(body));
    }

    [Fact]
    public void Validate_ZeroMaximum_NamesCriteria() => Assert.Equal(["criteria"], Fields(Body(Criterion("a", new RubricLevelInput("l1", "L1", null, 0)))));

    [Fact]
    public void Validate_NoCriteriaOrTooManyLevels_NamesTheList()
    {
        Assert.Equal(["criteria"], Fields(Body()));
        var levels = Enumerable.Range(0, RubricValidator.MaxLevels + 1).Select(i => new RubricLevelInput($"l{i}", "L", null, i)).ToArray();
        Assert.Equal(["criteria[0].levels"], Fields(Body(Criterion("a", levels))));
    }
}
