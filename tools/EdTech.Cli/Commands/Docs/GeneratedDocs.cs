namespace EdTech.Cli.Commands.Docs;

/// <summary>
/// Runs generators and compares with or writes the repository's files. Text is compared with <c>\n</c> line ends, so a
/// checkout with CRLF does not count as drift.
/// </summary>
public static class GeneratedDocs
{
    public static async Task<IReadOnlyList<GeneratedDoc>> GenerateAsync(IEnumerable<IDocGenerator> generators, string root, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(generators);
        var docs = new List<GeneratedDoc>();
        foreach (var generator in generators)
        {
            docs.AddRange(await generator.GenerateAsync(root, cancellationToken).ConfigureAwait(false));
        }

        var twice = docs.GroupBy(d => d.RelativePath, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        return twice.Count == 0 ? docs : throw new InvalidOperationException($"More than one generator writes {string.Join(", ", twice)}.");
    }

    /// <summary>The paths of <paramref name="docs"/> whose file under <paramref name="root"/> is missing or differs.</summary>
    public static IReadOnlyList<string> Drift(IEnumerable<GeneratedDoc> docs, string root)
    {
        ArgumentNullException.ThrowIfNull(docs);
        return [.. docs.Where(d => !Matches(d, root)).Select(d => d.RelativePath).Order(StringComparer.Ordinal)];
    }

    /// <summary>Writes every doc that is missing or differs; returns their paths.</summary>
    public static async Task<IReadOnlyList<string>> WriteAsync(IEnumerable<GeneratedDoc> docs, string root, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(docs);
        var written = new List<string>();
        foreach (var doc in docs.Where(d => !Matches(d, root)))
        {
            var path = PathOf(doc, root);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, doc.Content, cancellationToken).ConfigureAwait(false);
            written.Add(doc.RelativePath);
        }

        return written;
    }

    private static bool Matches(GeneratedDoc doc, string root)
    {
        var path = PathOf(doc, root);
        return File.Exists(path) && File.ReadAllText(path).ReplaceLineEndings("\n") == doc.Content.ReplaceLineEndings("\n");
    }

    private static string PathOf(GeneratedDoc doc, string root) => Path.Combine(root, doc.RelativePath.Replace('/', Path.DirectorySeparatorChar));
}
