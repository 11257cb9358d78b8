namespace EdTech.Domain.Learning.BktModel;

/// <summary>
/// Fits <see cref="BktParameters"/> for one skill by EM (Baum–Welch) over students' answer sequences.
/// Identical sequences are pooled first, so the cost grows with the number of distinct patterns, not students.
/// </summary>
public static class BktFitter
{
    public static BktFit Fit(IEnumerable<IReadOnlyList<bool>> sequences, BktFitOptions options)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        ArgumentNullException.ThrowIfNull(options);
        var patterns = Pool(sequences);
        if (patterns.Count == 0)
        {
            throw new ArgumentException("At least one non-empty answer sequence is needed.", nameof(sequences));
        }

        BktFit? best = null;
        foreach (var start in options.Starts)
        {
            var fit = FitFrom(patterns, Clamp(start, options), options);
            if (best is null || fit.LogLikelihood > best.LogLikelihood)
            {
                best = fit;
            }
        }

        return best!;
    }

    private static BktFit FitFrom(List<BktPattern> patterns, BktParameters start, BktFitOptions options)
    {
        var current = start;
        var counts = new BktExpectedCounts();
        for (var iteration = 1; iteration <= options.MaxIterations; iteration++)
        {
            counts.Reset();
            foreach (var pattern in patterns)
            {
                counts.Add(pattern, current);
            }

            var next = Clamp(counts.Maximise(), options);
            var moved = next.MaxDifference(current);
            current = next;
            if (moved < options.Tolerance)
            {
                return new BktFit(current, LogLikelihood(patterns, current), iteration);
            }
        }

        return new BktFit(current, LogLikelihood(patterns, current), options.MaxIterations);
    }

    private static double LogLikelihood(List<BktPattern> patterns, BktParameters p)
    {
        var total = 0.0;
        foreach (var pattern in patterns)
        {
            var known = p.PInit;
            foreach (var correct in pattern.Answers)
            {
                var right = Bkt.PredictCorrect(known, p);
                total += pattern.Weight * Math.Log(correct ? right : 1 - right);
                known = Bkt.Observe(known, correct, p);
            }
        }

        return total;
    }

    private static BktParameters Clamp(BktParameters p, BktFitOptions o) => Clamp((p.PInit, p.PLearn, p.PSlip, p.PGuess), o);

    // Each parameter's M-step objective is a concave Bernoulli log-likelihood, so clamping it is the constrained maximum.
    private static BktParameters Clamp((double Init, double Learn, double Slip, double Guess) p, BktFitOptions o)
    {
        var max = Math.Min(o.MaxSlipGuess, 0.4999);
        return new BktParameters(
            Math.Clamp(p.Init, o.MinProbability, 1 - o.MinProbability),
            Math.Clamp(p.Learn, o.MinProbability, 1 - o.MinProbability),
            Math.Clamp(p.Slip, o.MinProbability, max),
            Math.Clamp(p.Guess, o.MinProbability, max));
    }

    private static List<BktPattern> Pool(IEnumerable<IReadOnlyList<bool>> sequences)
    {
        var pooled = new Dictionary<string, BktPattern>(StringComparer.Ordinal);
        foreach (var sequence in sequences)
        {
            if (sequence.Count == 0)
            {
                continue;
            }

            var key = string.Create(sequence.Count, sequence, (span, s) =>
            {
                for (var i = 0; i < span.Length; i++)
                {
                    span[i] = s[i] ? '1' : '0';
                }
            });
            if (pooled.TryGetValue(key, out var existing))
            {
                existing.Weight++;
            }
            else
            {
                pooled[key] = new BktPattern(sequence.ToArray());
            }
        }

        return [.. pooled.Values];
    }
}

internal sealed class BktPattern(bool[] answers)
{
    public bool[] Answers { get; } = answers;

    public double Weight { get; set; } = 1;
}
