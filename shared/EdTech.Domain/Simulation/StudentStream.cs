namespace EdTech.Domain.Simulation;

/// <summary>
/// Counter-based random numbers for one simulated student: every draw is a pure function of
/// (seed, student index, purpose, entity, step), mixed by the SplitMix64 finaliser (Steele, Lea &amp; Flood 2014).
/// Nothing is carried from draw to draw, so a student's numbers do not depend on which chunk or thread simulates it,
/// and baseline and proposal read the SAME number for the same purpose (common random numbers): the ability, whether a
/// skill is known at the start, each practice answer and learning step, and each item's answer. An entity is keyed by a
/// hash of its id, not its position, so removing or adding an item does not shift any other item's numbers.
/// Integer arithmetic only: the stream is identical on every platform and runtime.
/// </summary>
internal readonly struct StudentStream
{
    private const ulong Golden = 0x9E3779B97F4A7C15UL;
    private const double Unit = 1.0 / (1UL << 53);
    private readonly ulong key;

    public StudentStream(long seed, long student) => key = Mix(Mix(unchecked((ulong)seed)) ^ unchecked((ulong)student * Golden));

    /// <summary>Uniform on [0, 1) with 53 random bits.</summary>
    public double Uniform(DrawPurpose purpose, ulong entity, int step)
    {
        var x = Mix(key ^ entity);
        x = Mix(unchecked(x + ((((ulong)purpose << 32) | (uint)step) * Golden)));
        return (x >> 11) * Unit;
    }

    /// <summary>Standard normal by Box–Muller from two of this student's uniforms; 1 − U keeps the log argument in (0, 1].</summary>
    public double Normal(DrawPurpose purpose)
    {
        var u1 = 1 - Uniform(purpose, 0, 0);
        var u2 = Uniform(purpose, 0, 1);
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary>FNV-1a of the id's UTF-16 code units, then mixed: a stable 64-bit key for an item or skill id.</summary>
    public static ulong KeyOf(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        var hash = 0xCBF29CE484222325UL;
        foreach (var c in id)
        {
            hash = unchecked((hash ^ c) * 0x100000001B3UL);
        }

        return Mix(hash);
    }

    private static ulong Mix(ulong z)
    {
        unchecked
        {
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}

internal enum DrawPurpose
{
    Ability = 1,
    KnownAtStart = 2,
    PracticeAnswer = 3,
    Learning = 4,
    ItemAnswer = 5,
}
