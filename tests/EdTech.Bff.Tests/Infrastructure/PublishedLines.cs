namespace EdTech.Bff.Tests.Infrastructure;

public sealed record PublishedLine(string File, string Text)
{
    public bool Mentions(string text) => Text.Contains(text, StringComparison.OrdinalIgnoreCase);
}

/// <summary>Every line of every log file in the data folder (the outbox file adapter's notifications.log, integration-events.log), read raw: the erasure scans.</summary>
public static class PublishedLines
{
    public static IReadOnlyList<PublishedLine> ReadAll(string dataDirectory) =>
        Directory.EnumerateFiles(dataDirectory, "*.log*", SearchOption.AllDirectories)
            .SelectMany(file => ReadShared(file).Select(line => new PublishedLine(Path.GetRelativePath(dataDirectory, file), line)))
            .ToList();

    /// <summary>Polls until some line mentions <paramref name="text"/> (the outbox relay publishes asynchronously).</summary>
    public static async Task WaitForAsync(string dataDirectory, string text)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!ReadAll(dataDirectory).Any(l => l.Mentions(text)))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No log line in {dataDirectory} ever mentioned {text}.");
            }

            await Task.Delay(50);
        }
    }

    private static IEnumerable<string> ReadShared(string file)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            lines.Add(line);
        }

        return lines;
    }
}
