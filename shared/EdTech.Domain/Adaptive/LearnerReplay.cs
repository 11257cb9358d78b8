using EdTech.Domain.Learning;
using EdTech.Domain.Learning.BktModel;
using EdTech.Domain.Learning.EloModel;
using EdTech.Domain.Learning.FsrsModel;

namespace EdTech.Domain.Adaptive;

/// <summary>One scored answer of one student, as the learner state keeps it.</summary>
public sealed record Observation(string AssessmentId, string ItemId, IReadOnlyList<string> Skills, bool Correct, DateTimeOffset At)
{
    public string ItemKey => $"{AssessmentId}:{ItemId}";
}

/// <summary>Per skill: BKT P(mastered) (what students and teachers see) and the Elo ability (what predicts success on an item).</summary>
public sealed record SkillMastery(string Skill, double Mastery, double Ability, int Attempts, int Correct);

/// <summary>FSRS state of one item for one student, and when it was last answered.</summary>
public sealed record ItemMemory(string AssessmentId, string ItemId, IReadOnlyList<string> Skills, MemoryState State, DateTimeOffset LastReviewed);

public sealed record LearnerSnapshot(IReadOnlyDictionary<string, SkillMastery> Skills, IReadOnlyList<ItemMemory> Memories);

public sealed record LearnerModelSettings(BktParameters Bkt, EloOptions Elo, FsrsWeights Fsrs)
{
    /// <summary>Until a course's skills are fitted: a typical tutor skill (pInit 0.3, learn 0.1, slip 0.1, guess 0.2).</summary>
    public static LearnerModelSettings Default { get; } = new(new BktParameters(0.3, 0.1, 0.1, 0.2), EloOptions.Default, FsrsWeights.Default);
}

/// <summary>
/// Rebuilds a student's state from their scored answers, in time order. Replaying from the kept answers (rather than
/// updating incrementally) is what makes the learner state idempotent: a redelivered or regraded submission replaces its
/// answers and the same replay gives the same state.
/// </summary>
public static class LearnerReplay
{
    public static LearnerSnapshot Run(IEnumerable<Observation> observations, Func<string, double> itemDifficulty, LearnerModelSettings settings)
    {
        ArgumentNullException.ThrowIfNull(observations);
        ArgumentNullException.ThrowIfNull(itemDifficulty);
        ArgumentNullException.ThrowIfNull(settings);
        var skills = new Dictionary<string, (double Known, EloRating Ability, int Attempts, int Correct)>(StringComparer.Ordinal);
        var memories = new Dictionary<string, ItemMemory>(StringComparer.Ordinal);
        foreach (var o in observations.OrderBy(o => o.At).ThenBy(o => o.ItemKey, StringComparer.Ordinal))
        {
            foreach (var skill in o.Skills)
            {
                var s = skills.TryGetValue(skill, out var found) ? found : (Known: settings.Bkt.PInit, Ability: EloRating.Initial, Attempts: 0, Correct: 0);
                var elo = Elo.Update(s.Ability, new EloRating(itemDifficulty(o.ItemKey), int.MaxValue / 2), o.Correct, settings.Elo);
                skills[skill] = (Bkt.Observe(s.Known, o.Correct, settings.Bkt), elo.Student, s.Attempts + 1, s.Correct + (o.Correct ? 1 : 0));
            }

            var previous = memories.GetValueOrDefault(o.ItemKey);
            var elapsed = previous is null ? 0 : (o.At - previous.LastReviewed).TotalDays;
            memories[o.ItemKey] = new ItemMemory(o.AssessmentId, o.ItemId, o.Skills,
                MemoryModel.Review(previous?.State, o.Correct, elapsed, settings.Fsrs), o.At);
        }

        return new LearnerSnapshot(
            skills.ToDictionary(s => s.Key, s => new SkillMastery(s.Key, s.Value.Known, s.Value.Ability.Value, s.Value.Attempts, s.Value.Correct), StringComparer.Ordinal),
            [.. memories.Values]);
    }
}
