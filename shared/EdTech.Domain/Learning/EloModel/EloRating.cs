namespace EdTech.Domain.Learning.EloModel;

/// <summary>A student's ability or an item's difficulty on the logit scale, with how many answers moved it (K decays with the count).</summary>
public sealed record EloRating(double Value, int Count)
{
    public static EloRating Initial { get; } = new(0, 0);
}
