namespace EdTech.Domain.Assessments;

/// <summary>Penalty per started day after the deadline (due + grace); never below floorPercent of the raw score.</summary>
public sealed record LatePolicy(decimal PercentPerDay, decimal FloorPercent)
{
    public static LatePolicy None { get; } = new(0, 100);

    public decimal Apply(decimal rawScore, TimeSpan lateBy)
    {
        if (lateBy <= TimeSpan.Zero)
        {
            return rawScore;
        }

        var startedDays = (decimal)Math.Ceiling(lateBy.TotalDays);
        var keptPercent = Math.Max(100 - (PercentPerDay * startedDays), FloorPercent);
        keptPercent = Math.Clamp(keptPercent, 0, 100);
        return Math.Round(rawScore * keptPercent / 100, 4, MidpointRounding.AwayFromZero);
    }
}
