namespace EdTech.Application.Records;

/// <summary>Reads the parts of composite record ids ("{courseId}:{userId}"); ':' never occurs in resource ids.</summary>
public static class RecordIds
{
    /// <summary>The part before the first ':' (null without one).</summary>
    public static string? Head(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        var colon = id.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 ? id[..colon] : null;
    }

    /// <summary>The part after the last ':' (null without one).</summary>
    public static string? Tail(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        var colon = id.LastIndexOf(':');
        return colon >= 0 && colon < id.Length - 1 ? id[(colon + 1)..] : null;
    }
}
