using EdTech.Domain.Learning;
using EdTech.Domain.Learning.BktModel;

namespace EdTech.Domain.Analytics;

/// <summary>One scored answer on a skill, as the weekly mastery replay reads it.</summary>
public sealed record SkillAnswer(IReadOnlyList<string> Skills, bool Correct, DateTimeOffset At);

/// <summary>A student's BKT mastery of a skill after their last answer on it in an ISO week.</summary>
public sealed record SkillWeekMastery(string Week, string Skill, double Mastery);

/// <summary>
/// A student's mastery history by week: the same Bayesian Knowledge Tracing the learner state uses (answers in time order,
/// each skill starting at pInit), recorded for each skill at the end of every ISO week in which the student answered an item
/// on it. Weeks without an answer on a skill have no entry: the heatmap's mean for that week is over the students with
/// evidence that week, not a carried-forward value that would hide who was actually working on the skill.
/// </summary>
public static class WeeklyMastery
{
    public static IReadOnlyList<SkillWeekMastery> Replay(IEnumerable<SkillAnswer> answers, BktParameters bkt)
    {
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentNullException.ThrowIfNull(bkt);
        var known = new Dictionary<string, double>(StringComparer.Ordinal);
        var byWeek = new Dictionary<(string Week, string Skill), double>();
        foreach (var answer in answers.OrderBy(a => a.At))
        {
            var week = IsoWeeks.Of(answer.At);
            foreach (var skill in answer.Skills)
            {
                var next = Bkt.Observe(known.TryGetValue(skill, out var k) ? k : bkt.PInit, answer.Correct, bkt);
                known[skill] = next;
                byWeek[(week, skill)] = next;
            }
        }

        return [.. byWeek.OrderBy(e => e.Key.Week, StringComparer.Ordinal).ThenBy(e => e.Key.Skill, StringComparer.Ordinal)
            .Select(e => new SkillWeekMastery(e.Key.Week, e.Key.Skill, e.Value))];
    }
}
