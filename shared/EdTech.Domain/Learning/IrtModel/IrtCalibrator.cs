namespace EdTech.Domain.Learning.IrtModel;

/// <summary>
/// 2PL item calibration by marginal maximum a-posteriori EM (Bock &amp; Aitkin 1981): abilities are integrated out over a fixed
/// N(0,1) quadrature grid, which also fixes the scale. Responses may be sparse (not every person answers every item).
/// </summary>
public static class IrtCalibrator
{
    public static IrtCalibration Calibrate(IReadOnlyList<IrtResponse> responses, int itemCount, IrtCalibrationOptions options)
    {
        ArgumentNullException.ThrowIfNull(responses);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(itemCount);
        var byPerson = IrtResponsesByPerson.From(responses, itemCount);
        var quadrature = options.Quadrature;
        var q = quadrature.Count;
        var expected = new IrtExpectedCounts(itemCount, q);
        var items = StartingValues(responses, itemCount);
        var logRight = new double[itemCount * q];
        var logWrong = new double[itemCount * q];
        var posterior = new double[q];
        var logPrior = new double[q];
        for (var k = 0; k < q; k++)
        {
            logPrior[k] = Math.Log(quadrature.Weights[k]);
        }

        for (var iteration = 1; iteration <= options.MaxIterations; iteration++)
        {
            for (var i = 0; i < itemCount; i++)
            {
                for (var k = 0; k < q; k++)
                {
                    var logit = items[i].Slope * quadrature.Nodes[k] + items[i].Intercept;
                    logRight[(i * q) + k] = Logistic.LogSigmoid(logit);
                    logWrong[(i * q) + k] = Logistic.LogSigmoid(-logit);
                }
            }

            expected.Clear();
            for (var person = 0; person < byPerson.PersonCount; person++)
            {
                var answers = byPerson.Of(person);
                if (answers.IsEmpty)
                {
                    continue;
                }

                logPrior.CopyTo(posterior, 0);
                foreach (var (item, correct) in answers)
                {
                    var table = (correct ? logRight : logWrong).AsSpan(item * q, q);
                    for (var k = 0; k < q; k++)
                    {
                        posterior[k] += table[k];
                    }
                }

                Normalise(posterior);
                expected.Add(answers, posterior);
            }

            var moved = 0.0;
            for (var i = 0; i < itemCount; i++)
            {
                var next = IrtItemStep.Maximise(items[i], expected.Attempts(i), expected.Rights(i), quadrature.Nodes, options);
                moved = Math.Max(moved, Math.Max(Math.Abs(next.Slope - items[i].Slope), Math.Abs(next.Difficulty - items[i].Difficulty)));
                items[i] = next;
            }

            if (moved < options.Tolerance)
            {
                return new IrtCalibration(items.Select(x => x.ToItem()).ToArray(), iteration, true);
            }
        }

        return new IrtCalibration(items.Select(x => x.ToItem()).ToArray(), options.MaxIterations, false);
    }

    private static void Normalise(double[] logPosterior)
    {
        var max = double.NegativeInfinity;
        foreach (var v in logPosterior)
        {
            max = Math.Max(max, v);
        }

        var total = 0.0;
        for (var k = 0; k < logPosterior.Length; k++)
        {
            logPosterior[k] = Math.Exp(logPosterior[k] - max);
            total += logPosterior[k];
        }

        for (var k = 0; k < logPosterior.Length; k++)
        {
            logPosterior[k] /= total;
        }
    }

    // a = 1 and b from the item's proportion correct (logit scale stretched by √(1 + π²/3·…) ≈ 1.7 for a ~ 1, θ ~ N(0,1)).
    private static IrtItemStep[] StartingValues(IReadOnlyList<IrtResponse> responses, int itemCount)
    {
        var right = new double[itemCount];
        var seen = new double[itemCount];
        foreach (var r in responses)
        {
            seen[r.Item]++;
            right[r.Item] += r.Correct ? 1 : 0;
        }

        return Enumerable.Range(0, itemCount)
            .Select(i => IrtItemStep.FromItem(new IrtItem(1, -1.7 * Logistic.Logit((right[i] + 0.5) / (seen[i] + 1)))))
            .ToArray();
    }
}
