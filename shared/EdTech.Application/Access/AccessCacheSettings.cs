namespace EdTech.Application.Access;

/// <summary>
/// How long an instance may answer access questions (is the tenant active, is the user enrolled in the course with
/// this role, which tenant a directory maps to) from its own memory: <c>Cache:AccessSeconds</c>, 1 to 60, default 5.
/// A change made on this instance (suspend, unenroll, roster import, erasure) is seen here at once; on every other
/// instance within this time, so suspension and unenrollment take effect everywhere within seconds.
/// </summary>
public sealed record AccessCacheSettings(TimeSpan Ttl)
{
    public static AccessCacheSettings Default { get; } = new(TimeSpan.FromSeconds(5));

    public static AccessCacheSettings From(string? seconds) =>
        int.TryParse(seconds, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var s) && s is >= 1 and <= 60
            ? new(TimeSpan.FromSeconds(s))
            : Default;
}
