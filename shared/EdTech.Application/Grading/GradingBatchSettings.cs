namespace EdTech.Application.Grading;

/// <summary>
/// At most how many of one tenant's accepted submissions one grading batch takes (<c>Grading:BatchSize</c>, default 100): the
/// start-grading handler cuts a change-feed batch into chunks of this size per tenant, one GradeBatch workflow each.
/// </summary>
public sealed record GradingBatchSettings(int BatchSize)
{
    public static GradingBatchSettings Default { get; } = new(100);
}
