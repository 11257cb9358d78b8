namespace EdTech.Domain.Simulation;

/// <summary>
/// Baseline, proposal and proposal − baseline, each with 95% intervals: pass rate, mean score (share of points), per skill
/// the share of students whose mastery estimate reached the threshold, and the practice opportunities until it did (a
/// student who never reached it counts the skill's practice cap, so this is a lower bound on the time to mastery).
/// </summary>
public sealed record SimulationSummary(long Students, int Draws, SimulationFigures Baseline, SimulationFigures Proposal, SimulationFigures Delta)
{
    internal static SimulationSummary From(SimulationTally tally, IReadOnlyList<string> skills, double baselineScale, double proposalScale)
    {
        var baseline = new Builder(tally, skills, (b, p) => (b, 0));
        var proposal = new Builder(tally, skills, (b, p) => (0, p));
        var delta = new Builder(tally, skills, (b, p) => (-b, p));
        return new SimulationSummary(
            tally.TotalStudents,
            tally.Draws,
            baseline.Figures(baselineScale, proposalScale),
            proposal.Figures(baselineScale, proposalScale),
            delta.Figures(baselineScale, proposalScale));
    }

    /// <summary>Figures of x = wb·(sb·b) + wp·(sp·p) per student, for (wb, wp) = (1, 0), (0, 1) or (−1, 1).</summary>
    private sealed class Builder(SimulationTally tally, IReadOnlyList<string> skills, Func<double, double, (double B, double P)> weights)
    {
        public SimulationFigures Figures(double baselineScale, double proposalScale) => new(
            Of(0, 1, 1),
            Of(1, baselineScale, proposalScale),
            skills.Select((id, s) => (id, e: Of(2 + (2 * s), 1, 1))).ToDictionary(x => x.id, x => x.e, StringComparer.Ordinal),
            skills.Select((id, s) => (id, e: Of(3 + (2 * s), 1, 1))).ToDictionary(x => x.id, x => x.e, StringComparer.Ordinal));

        private Estimate Of(int outcome, double baselineScale, double proposalScale)
        {
            var (wb, wp) = weights(baselineScale, proposalScale);
            (double Sum, double Squares, long N) Moments(int draw)
            {
                double Sum(TallySum s) => tally.Sum(draw, outcome, s);
                return (
                    (wb * Sum(TallySum.Baseline)) + (wp * Sum(TallySum.Proposal)),
                    (wb * wb * Sum(TallySum.BaselineSquared)) + (wp * wp * Sum(TallySum.ProposalSquared)) + (2 * wb * wp * Sum(TallySum.Product)),
                    tally.Students[draw]);
            }

            if (tally.Draws == 1)
            {
                var (sum, squares, n) = Moments(0);
                return Interval.OfStudents(sum, squares, n);
            }

            return Interval.OfDraws(Enumerable.Range(0, tally.Draws).Select(d => Moments(d)).Select(m => m.Sum / m.N).ToArray());
        }
    }
}

/// <summary>One side's figures (or the differences), keyed by skill id where per skill.</summary>
public sealed record SimulationFigures(
    Estimate PassRate,
    Estimate MeanScore,
    IReadOnlyDictionary<string, Estimate> Mastery,
    IReadOnlyDictionary<string, Estimate> TimeToMastery);
