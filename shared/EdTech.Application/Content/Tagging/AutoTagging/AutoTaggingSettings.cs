using System.Globalization;

namespace EdTech.Application.Content.Tagging.AutoTagging;

/// <summary>
/// Change-feed tagging: <see cref="Debounce"/> is how long the durable run waits after an edit before it re-reads the item
/// and tags its latest content (setting <c>Tagging:DebounceSeconds</c>, default 60: ten edits within it make one tagging);
/// <see cref="AutoApplyConfidence"/> the confidence every suggested skill needs for a tenant with auto-apply on
/// (<c>Tagging:AutoApplyConfidence</c>, default 0.8).
/// </summary>
public sealed record AutoTaggingSettings(TimeSpan Debounce, double AutoApplyConfidence)
{
    public static AutoTaggingSettings Default { get; } = new(TimeSpan.FromSeconds(60), 0.8);

    public static AutoTaggingSettings From(string? debounceSeconds, string? autoApplyConfidence)
    {
        var debounce = Default.Debounce;
        if (debounceSeconds is not null)
        {
            if (!double.TryParse(debounceSeconds, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || seconds is < 0 or > 86_400)
            {
                throw new InvalidOperationException("Tagging:DebounceSeconds must be a number of seconds from 0 to 86400.");
            }

            debounce = TimeSpan.FromSeconds(seconds);
        }

        var confidence = Default.AutoApplyConfidence;
        if (autoApplyConfidence is not null
            && (!double.TryParse(autoApplyConfidence, NumberStyles.Float, CultureInfo.InvariantCulture, out confidence) || confidence is <= 0 or > 1))
        {
            throw new InvalidOperationException("Tagging:AutoApplyConfidence must be a number above 0 and at most 1.");
        }

        return new AutoTaggingSettings(debounce, confidence);
    }
}
