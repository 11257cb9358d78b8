namespace EdTech.Domain.Grading;

/// <summary>
/// A share of an item's points, earned ÷ total. Points are paid exactly for full credit and zero for none; a partial share is
/// points × earned ÷ total rounded to 4 decimals, midpoint away from zero (decimal arithmetic: the same on every machine, so a
/// regrade reproduces it).
/// </summary>
public readonly record struct Credit(int Earned, int Total)
{
    public static Credit None { get; } = new(0, 1);

    public static Credit Full { get; } = new(1, 1);

    public static Credit AllOrNothing(bool right) => right ? Full : None;

    public decimal Of(decimal points)
    {
        if (Earned <= 0 || Total <= 0)
        {
            return 0;
        }

        return Earned >= Total ? points : Math.Round(points * Earned / Total, 4, MidpointRounding.AwayFromZero);
    }
}
