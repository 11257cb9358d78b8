using EdTech.Domain.Adaptive;
using EdTech.Domain.Learning;
using EdTech.Domain.Learning.FsrsModel;

namespace EdTech.Domain.Tests.Adaptive;

public sealed class RecommendationPlannerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly MemoryState Fresh = new(Stability: 10, Difficulty: 5);

    [Fact]
    public void Plan_PicksTheItemWhosePredictedSuccessIsNearestTheTarget()
    {
        // Ability 0: P = σ(−d). d = −0.85 → 0.70, d = 0 → 0.50, d = −3 → 0.95.
        var learner = Learner(("fractions", 0.2, 0.0));
        var items = new[] { Item("easy", -3, "fractions"), Item("even", 0, "fractions"), Item("target", -0.85, "fractions") };

        var plan = RecommendationPlanner.Plan(learner, SkillGraph.Empty, items, Now, new PlannerSettings(TargetSuccess: 0.7, ItemsPerSkill: 1), 0.3);

        var only = Assert.Single(plan);
        Assert.Equal("target", only.ItemId);
        Assert.Equal(0.7, only.PredictedSuccess, 2);
        Assert.Contains("fractions", only.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_HigherTarget_PicksTheEasierItem()
    {
        var learner = Learner(("fractions", 0.2, 0.0));
        var items = new[] { Item("easy", -3, "fractions"), Item("even", 0, "fractions"), Item("target", -0.85, "fractions") };

        var plan = RecommendationPlanner.Plan(learner, SkillGraph.Empty, items, Now, new PlannerSettings(TargetSuccess: 0.95, ItemsPerSkill: 1), 0.3);

        Assert.Equal("easy", Assert.Single(plan).ItemId);
    }

    [Fact]
    public void ChooseSkills_WeakestFirst_MasteredSkillsLeftOut()
    {
        var learner = Learner(("a", 0.5, 0), ("b", 0.1, 0), ("c", 0.97, 0));

        var skills = RecommendationPlanner.ChooseSkills(learner, SkillGraph.Empty, new PlannerSettings(), 0.3).Select(s => s.Skill);

        Assert.Equal(["b", "a"], skills);
    }

    [Fact]
    public void ChooseSkills_UnmetPrerequisite_ComesBeforeTheSkillThatNeedsIt_EvenWhenStronger()
    {
        var graph = new SkillGraph(SkillGraphTests.Map(("multiplication", ["addition"])));
        var learner = Learner(("multiplication", 0.1, 0), ("addition", 0.4, 0));

        var skills = RecommendationPlanner.ChooseSkills(learner, graph, new PlannerSettings(PrerequisiteMetAt: 0.6), 0.3);

        Assert.Equal(["addition", "multiplication"], skills.Select(s => s.Skill));
        Assert.Contains("first", skills[0].Why, StringComparison.Ordinal);
    }

    [Fact]
    public void ChooseSkills_MetPrerequisite_DoesNotJumpAhead()
    {
        var graph = new SkillGraph(SkillGraphTests.Map(("multiplication", ["addition"])));
        var learner = Learner(("multiplication", 0.1, 0), ("addition", 0.8, 0));

        var skills = RecommendationPlanner.ChooseSkills(learner, graph, new PlannerSettings(PrerequisiteMetAt: 0.6), 0.3);

        Assert.Equal(["multiplication", "addition"], skills.Select(s => s.Skill));
    }

    [Fact]
    public void ChooseSkills_NeverSeenPrerequisite_UsesUnseenMastery()
    {
        var graph = new SkillGraph(SkillGraphTests.Map(("multiplication", ["addition"])));
        var learner = Learner(("multiplication", 0.1, 0));

        Assert.Equal("addition", RecommendationPlanner.ChooseSkills(learner, graph, new PlannerSettings(), 0.3)[0].Skill);
        Assert.Equal("multiplication", RecommendationPlanner.ChooseSkills(learner, graph, new PlannerSettings(), 0.7)[0].Skill);
    }

    [Fact]
    public void DueReviews_OnlyItemsWhoseRecallFellToTheRetention()
    {
        // S = 10 days: recall is 0.9 after 10 days.
        var learner = new LearnerSnapshot(new Dictionary<string, SkillMastery>(),
        [
            new ItemMemory("quiz", "old", ["geometry"], Fresh, Now.AddDays(-30)),
            new ItemMemory("quiz", "recent", ["geometry"], Fresh, Now.AddDays(-2)),
        ]);

        var due = Assert.Single(RecommendationPlanner.DueReviews(learner, Now, new PlannerSettings()));

        Assert.Equal("old", due.ItemId);
        Assert.Equal(PlannedItem.Review, due.Kind);
        Assert.Equal(MemoryModel.Retrievability(Fresh, 30), due.PredictedSuccess, 4);
        Assert.Contains("30 day", due.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_MixesADueReviewAfterEveryTwoPracticeItems()
    {
        var learner = new LearnerSnapshot(
            new Dictionary<string, SkillMastery> { ["a"] = new("a", 0.1, 0, 3, 0) },
            [new ItemMemory("old", "r1", ["b"], Fresh, Now.AddDays(-60))]);
        var items = new[] { Item("p1", 0, "a"), Item("p2", 0.1, "a"), Item("p3", 0.2, "a") };

        var plan = RecommendationPlanner.Plan(learner, SkillGraph.Empty, items, Now, new PlannerSettings(ItemsPerSkill: 3), 0.3);

        Assert.Equal(["practice", "practice", "review", "practice"], plan.Select(p => p.Kind));
    }

    private static LearnerSnapshot Learner(params (string Skill, double Mastery, double Ability)[] skills) =>
        new(skills.ToDictionary(s => s.Skill, s => new SkillMastery(s.Skill, s.Mastery, s.Ability, 3, 1), StringComparer.Ordinal), []);

    private static PracticeItem Item(string id, double difficulty, string skill) => new("quiz", id, [skill], difficulty);
}
