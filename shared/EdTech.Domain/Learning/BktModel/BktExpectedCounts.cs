namespace EdTech.Domain.Learning.BktModel;

/// <summary>E-step of Baum–Welch for the two-state BKT chain (unknown → known, never back), with scaled forward–backward passes.</summary>
internal sealed class BktExpectedCounts
{
    private double students;
    private double initKnown;
    private double learned;
    private double unknownBeforeLast;
    private double known;
    private double knownWrong;
    private double unknown;
    private double unknownRight;
    private double[] alphaKnown = [];
    private double[] alphaUnknown = [];
    private double[] scale = [];

    public void Reset() => students = initKnown = learned = unknownBeforeLast = known = knownWrong = unknown = unknownRight = 0;

    public void Add(BktPattern pattern, BktParameters p)
    {
        var y = pattern.Answers;
        var n = y.Length;
        if (alphaKnown.Length < n)
        {
            alphaKnown = new double[n];
            alphaUnknown = new double[n];
            scale = new double[n];
        }

        for (var t = 0; t < n; t++)
        {
            double aK, aU;
            if (t == 0)
            {
                aK = p.PInit * EmitKnown(y[0], p);
                aU = (1 - p.PInit) * EmitUnknown(y[0], p);
            }
            else
            {
                aK = (alphaKnown[t - 1] + (alphaUnknown[t - 1] * p.PLearn)) * EmitKnown(y[t], p);
                aU = alphaUnknown[t - 1] * (1 - p.PLearn) * EmitUnknown(y[t], p);
            }

            scale[t] = aK + aU;
            alphaKnown[t] = aK / scale[t];
            alphaUnknown[t] = aU / scale[t];
        }

        var w = pattern.Weight;
        double betaK = 1, betaU = 1;
        for (var t = n - 1; t >= 0; t--)
        {
            var gammaK = alphaKnown[t] * betaK;
            var gammaU = alphaUnknown[t] * betaU;
            known += w * gammaK;
            unknown += w * gammaU;
            if (!y[t])
            {
                knownWrong += w * gammaK;
            }
            else
            {
                unknownRight += w * gammaU;
            }

            if (t == 0)
            {
                initKnown += w * gammaK;
                break;
            }

            // Transition t-1 → t; betas below are for step t-1.
            var emitK = EmitKnown(y[t], p) * betaK / scale[t];
            var emitU = EmitUnknown(y[t], p) * betaU / scale[t];
            learned += w * alphaUnknown[t - 1] * p.PLearn * emitK;
            betaU = (p.PLearn * emitK) + ((1 - p.PLearn) * emitU);
            betaK = emitK;
            unknownBeforeLast += w * alphaUnknown[t - 1] * betaU;
        }

        students += w;
    }

    /// <summary>(pInit, pLearn, pSlip, pGuess) maximising the expected complete-data likelihood, before any bounds.</summary>
    public (double Init, double Learn, double Slip, double Guess) Maximise() => (
        initKnown / students,
        unknownBeforeLast > 0 ? learned / unknownBeforeLast : 0,
        known > 0 ? knownWrong / known : 0,
        unknown > 0 ? unknownRight / unknown : 0);

    private static double EmitKnown(bool correct, BktParameters p) => correct ? 1 - p.PSlip : p.PSlip;

    private static double EmitUnknown(bool correct, BktParameters p) => correct ? p.PGuess : 1 - p.PGuess;
}
