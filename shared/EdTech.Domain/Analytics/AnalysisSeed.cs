namespace EdTech.Domain.Analytics;

/// <summary>A stable seed from a key (FNV-1a over its UTF-16 code units): string.GetHashCode is randomised per process.</summary>
public static class AnalysisSeed
{
    public static int Of(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var hash = 2166136261u;
        foreach (var c in key)
        {
            hash = unchecked((hash ^ c) * 16777619u);
        }

        return unchecked((int)hash);
    }
}
