namespace EdTech.Cli.Commands.Docs;

/// <summary>One file <c>edtech docs generate</c> writes: its path relative to the repository root (forward slashes) and its text.</summary>
public sealed record GeneratedDoc(string RelativePath, string Content);

/// <summary>
/// A source of generated documentation (diagrams, API documents). Deterministic for a given tree, so the drift test can
/// regenerate every file and fail when a committed one differs.
/// </summary>
public interface IDocGenerator
{
    Task<IReadOnlyList<GeneratedDoc>> GenerateAsync(string repositoryRoot, CancellationToken cancellationToken);
}
