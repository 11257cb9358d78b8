using Microsoft.Extensions.Configuration;

namespace EdTech.Infrastructure.Ai;

/// <summary>
/// The <c>OpenAI</c> configuration section (names shared with bicep/main.bicep: <c>OpenAI__Endpoint</c>,
/// <c>OpenAI__Deployment</c>). Null from <see cref="From"/> when no endpoint is set: GenAI is off.
/// </summary>
/// <param name="RetryTotal">The longest <see cref="RetryingChatClient"/> keeps retrying one call (no retry starts past it).</param>
public sealed record OpenAiSettings(Uri Endpoint, string Deployment, int MaxRetries, TimeSpan RetryDelay, TimeSpan Timeout, TimeSpan RetryTotal)
{
    public const string Section = "OpenAI";

    public static OpenAiSettings? From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(Section);
        var endpoint = section["Endpoint"];
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            return null;
        }

        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new InvalidOperationException($"OpenAI:Endpoint must be an absolute http(s) URL, e.g. https://cog-abc.openai.azure.com/ (got '{endpoint}').");
        }

        var deployment = section["Deployment"];
        if (string.IsNullOrWhiteSpace(deployment))
        {
            throw new InvalidOperationException("OpenAI:Deployment is required when OpenAI:Endpoint is set (the model deployment name, e.g. gpt-4o-mini).");
        }

        return new OpenAiSettings(
            uri,
            deployment.Trim(),
            Number(section, "MaxRetries", 3, 0, 10),
            TimeSpan.FromMilliseconds(Number(section, "RetryDelayMilliseconds", 800, 0, 60_000)),
            TimeSpan.FromSeconds(Number(section, "TimeoutSeconds", 60, 1, 600)),
            TimeSpan.FromSeconds(Number(section, "RetryTotalSeconds", 120, 1, 3600)));
    }

    private static int Number(IConfigurationSection section, string key, int fallback, int min, int max)
    {
        var text = section[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new InvalidOperationException($"OpenAI:{key} must be a whole number from {min} to {max} (got '{text}').");
    }
}
