using System.Globalization;
using EdTech.Domain.Learning;
using EdTech.Domain.Learning.EloModel;
using EdTech.Domain.Learning.FsrsModel;

namespace EdTech.Domain.Adaptive;

/// <summary>An item a student could practise: its skills and its Elo difficulty (logits; 0 for an unused item).</summary>
public sealed record PracticeItem(string AssessmentId, string ItemId, IReadOnlyList<string> Skills, double Difficulty);

public sealed record PlannedItem(string AssessmentId, string ItemId, string Skill, string Kind, string Reason, double PredictedSuccess)
{
    public const string Practice = "practice";
    public const string Review = "review";
}

/// <param name="TargetSuccess">Predicted success to aim for: hard enough to learn from, easy enough not to discourage.</param>
/// <param name="MasteredAt">A skill at or above this BKT mastery needs no practice (0.95, the usual BKT mastery threshold).</param>
/// <param name="PrerequisiteMetAt">A prerequisite below this mastery is practised before the skill that needs it.</param>
/// <param name="ReviewRetention">An item is due for review once its estimated recall falls to this (FSRS's usual 0.9).</param>
public sealed record PlannerSettings(
    double TargetSuccess = 0.7,
    double MasteredAt = 0.95,
    double PrerequisiteMetAt = 0.6,
    int MaxSkills = 3,
    int ItemsPerSkill = 2,
    int MaxReviews = 3,
    double ReviewRetention = 0.9);

/// <summary>
/// Chooses what a student should do next: items on the weakest skills (prerequisites first) whose predicted success is
/// nearest the target, mixed with spaced reviews that are due. Pure and deterministic.
/// </summary>
public static class RecommendationPlanner
{
    public static IReadOnlyList<PlannedItem> Plan(
        LearnerSnapshot learner, SkillGraph graph, IReadOnlyList<PracticeItem> items, DateTimeOffset now, PlannerSettings settings, double unseenMastery)
    {
        ArgumentNullException.ThrowIfNull(learner);
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(settings);
        var practice = new List<PlannedItem>();
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (skill, why) in ChooseSkills(learner, graph, settings, unseenMastery))
        {
            var ability = learner.Skills.GetValueOrDefault(skill)?.Ability ?? 0;
            var best = items
                .Where(i => i.Skills.Contains(skill, StringComparer.Ordinal) && !used.Contains(Key(i.AssessmentId, i.ItemId)))
                .Select(i => (Item: i, P: Logistic.Sigmoid(ability - i.Difficulty)))
                .OrderBy(c => Math.Abs(c.P - settings.TargetSuccess)).ThenBy(c => c.Item.AssessmentId, StringComparer.Ordinal).ThenBy(c => c.Item.ItemId, StringComparer.Ordinal)
                .Take(settings.ItemsPerSkill);
            foreach (var (item, p) in best)
            {
                used.Add(Key(item.AssessmentId, item.ItemId));
                practice.Add(new PlannedItem(item.AssessmentId, item.ItemId, skill, PlannedItem.Practice,
                    $"{why} Predicted success {Percent(p)} (target {Percent(settings.TargetSuccess)}).", Math.Round(p, 4)));
            }
        }

        var reviews = DueReviews(learner, now, settings).Where(r => !used.Contains(Key(r.AssessmentId, r.ItemId))).ToList();
        return Interleave(practice, reviews);
    }

    /// <summary>Weakest skills first; a weak skill's unmet prerequisites (deepest first) come before it.</summary>
    public static IReadOnlyList<(string Skill, string Why)> ChooseSkills(LearnerSnapshot learner, SkillGraph graph, PlannerSettings settings, double unseenMastery)
    {
        ArgumentNullException.ThrowIfNull(learner);
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(settings);
        double MasteryOf(string skill) => learner.Skills.GetValueOrDefault(skill)?.Mastery ?? unseenMastery;
        var chosen = new List<(string Skill, string Why)>();
        var weak = learner.Skills.Values.Where(s => s.Mastery < settings.MasteredAt)
            .OrderBy(s => s.Mastery).ThenBy(s => s.Skill, StringComparer.Ordinal);
        foreach (var skill in weak)
        {
            foreach (var prerequisite in graph.PrerequisitesFirst(skill.Skill).Where(p => MasteryOf(p) < settings.PrerequisiteMetAt))
            {
                Add(prerequisite, $"Practise {prerequisite} first: {skill.Skill} builds on it and your mastery of {prerequisite} is {Percent(MasteryOf(prerequisite))}.");
            }

            Add(skill.Skill, $"Practise {skill.Skill}: your mastery is {Percent(skill.Mastery)} after {skill.Attempts} answer(s), {skill.Correct} right.");
        }

        return chosen.Take(settings.MaxSkills).ToList();

        void Add(string skill, string why)
        {
            if (!chosen.Exists(c => c.Skill == skill))
            {
                chosen.Add((skill, why));
            }
        }
    }

    /// <summary>Items whose estimated recall has fallen to the review retention, lowest recall first.</summary>
    public static IEnumerable<PlannedItem> DueReviews(LearnerSnapshot learner, DateTimeOffset now, PlannerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(learner);
        ArgumentNullException.ThrowIfNull(settings);
        return learner.Memories
            .Select(m => (Memory: m, Days: (now - m.LastReviewed).TotalDays))
            .Select(m => (m.Memory, m.Days, Recall: MemoryModel.Retrievability(m.Memory.State, m.Days)))
            .Where(m => m.Recall <= settings.ReviewRetention)
            .OrderBy(m => m.Recall).ThenBy(m => m.Memory.AssessmentId, StringComparer.Ordinal).ThenBy(m => m.Memory.ItemId, StringComparer.Ordinal)
            .Take(settings.MaxReviews)
            .Select(m => new PlannedItem(m.Memory.AssessmentId, m.Memory.ItemId, m.Memory.Skills.Count > 0 ? m.Memory.Skills[0] : "", PlannedItem.Review,
                $"Review: you last answered this {m.Days.ToString("0", CultureInfo.InvariantCulture)} day(s) ago and estimated recall is down to {Percent(m.Recall)}.",
                Math.Round(m.Recall, 4)));
    }

    /// <summary>Two practice items, then a review, and so on; leftovers of either kind at the end.</summary>
    private static List<PlannedItem> Interleave(List<PlannedItem> practice, List<PlannedItem> reviews)
    {
        var mixed = new List<PlannedItem>(practice.Count + reviews.Count);
        var r = 0;
        for (var p = 0; p < practice.Count; p++)
        {
            mixed.Add(practice[p]);
            if (p % 2 == 1 && r < reviews.Count)
            {
                mixed.Add(reviews[r++]);
            }
        }

        mixed.AddRange(reviews.Skip(r));
        return mixed;
    }

    private static string Key(string assessmentId, string itemId) => $"{assessmentId}:{itemId}";

    private static string Percent(double p) => Math.Round(p * 100).ToString("0", CultureInfo.InvariantCulture) + "%";
}
