namespace EdTech.Domain.Learning.IrtModel;

/// <summary>E-step sums per item and quadrature node: expected attempts n(i,k) and expected right answers r(i,k).</summary>
internal sealed class IrtExpectedCounts(int itemCount, int nodes)
{
    private readonly double[] attempts = new double[itemCount * nodes];
    private readonly double[] rights = new double[itemCount * nodes];

    public void Clear()
    {
        Array.Clear(attempts);
        Array.Clear(rights);
    }

    public void Add(ReadOnlySpan<(int Item, bool Correct)> answers, double[] posterior)
    {
        foreach (var (item, correct) in answers)
        {
            var n = attempts.AsSpan(item * nodes, nodes);
            for (var k = 0; k < nodes; k++)
            {
                n[k] += posterior[k];
            }

            if (correct)
            {
                var r = rights.AsSpan(item * nodes, nodes);
                for (var k = 0; k < nodes; k++)
                {
                    r[k] += posterior[k];
                }
            }
        }
    }

    public ReadOnlySpan<double> Attempts(int item) => attempts.AsSpan(item * nodes, nodes);

    public ReadOnlySpan<double> Rights(int item) => rights.AsSpan(item * nodes, nodes);
}
