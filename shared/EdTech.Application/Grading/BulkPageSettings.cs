namespace EdTech.Application.Grading;

/// <summary>
/// How many submissions one step of a bulk workflow handles (<c>Durable:ReleasePageSize</c>, default 100;
/// <c>Durable:RegradePageSize</c>, default 250). Every activity input and output of release and regrade is
/// bounded by these (a page's id bounds and counts, never a list of every submission), so a 100k-student
/// assessment is many small steps, not one payload the durable backend must store whole.
/// </summary>
public sealed record BulkPageSettings(int ReleasePageSize, int RegradePageSize)
{
    public static BulkPageSettings Default { get; } = new(100, 250);
}
