namespace EdTech.Domain.Simulation;

/// <summary>
/// Integer sums over the simulated students of a chunk, per parameter draw and per outcome: n, Σb, Σp, Σb², Σp², Σb·p
/// where b and p are one student's baseline and proposal outcome (passed 0/1, points, mastered 0/1 per skill, practice
/// opportunities per skill). Every outcome is an integer, so adding chunks in any order gives exactly the one-run totals.
/// A plain record of numbers: it crosses a durable activity boundary as JSON.
/// </summary>
public sealed record SimulationTally(int Draws, int Outcomes, IReadOnlyList<long> Students, IReadOnlyList<long> Sums)
{
    public const int SumsPerOutcome = 5;

    public static SimulationTally Empty(int draws, int outcomes) =>
        new(draws, outcomes, new long[draws], new long[draws * outcomes * SumsPerOutcome]);

    public long TotalStudents => Students.Sum();

    public long Sum(int draw, int outcome, TallySum which) => Sums[(((draw * Outcomes) + outcome) * SumsPerOutcome) + (int)which];

    public static SimulationTally Combine(IEnumerable<SimulationTally> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        long[]? students = null, sums = null;
        int draws = 0, outcomes = 0;
        foreach (var part in parts)
        {
            if (students is null || sums is null)
            {
                (draws, outcomes, students, sums) = (part.Draws, part.Outcomes, new long[part.Draws], new long[part.Sums.Count]);
            }
            else if (part.Draws != draws || part.Outcomes != outcomes)
            {
                throw new ArgumentException("Chunks of different simulations cannot be combined.", nameof(parts));
            }

            for (var i = 0; i < students.Length; i++)
            {
                students[i] += part.Students[i];
            }

            for (var i = 0; i < sums.Length; i++)
            {
                sums[i] += part.Sums[i];
            }
        }

        return students is null || sums is null
            ? throw new ArgumentException("At least one chunk is needed.", nameof(parts))
            : new SimulationTally(draws, outcomes, students, sums);
    }
}

public enum TallySum
{
    Baseline = 0,
    Proposal = 1,
    BaselineSquared = 2,
    ProposalSquared = 3,
    Product = 4,
}
