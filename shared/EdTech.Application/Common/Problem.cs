namespace EdTech.Application.Common;

public enum ProblemKind
{
    Validation,
    NotFound,
    Conflict,
    PreconditionFailed,
    PreconditionRequired,

    /// <summary>A GenAI feature was asked for but no chat model is configured (503).</summary>
    GenAiUnavailable,

    /// <summary>A per-tenant quota of running work is full (429 with Retry-After <see cref="Problem.RetryAfterSeconds"/>).</summary>
    TooManyRequests,
}

/// <summary>A failed use case; the HTTP layer maps it to RFC 9457 problem+json.</summary>
public sealed record Problem(ProblemKind Kind, string Title, string? Detail = null, IReadOnlyDictionary<string, string[]>? Errors = null)
{
    /// <summary>A more specific, stable problem type (a slug the HTTP layer turns into its type URI); null for the kind's generic one.</summary>
    public string? Code { get; init; }

    /// <summary>For <see cref="ProblemKind.TooManyRequests"/>: when to try again, in whole seconds.</summary>
    public int? RetryAfterSeconds { get; init; }

    public static Problem NotFound(string what) => new(ProblemKind.NotFound, "Not found", $"No {what} with that id is visible to you.");

    public static Problem GenAiUnavailable(string detail) => new(ProblemKind.GenAiUnavailable, "GenAI unavailable", detail);

    public static Problem TooManyRequests(string detail, int retryAfterSeconds) =>
        new(ProblemKind.TooManyRequests, "Too many requests", detail) { RetryAfterSeconds = Math.Max(1, retryAfterSeconds) };

    public static Problem Conflict(string detail) => new(ProblemKind.Conflict, "Conflict", detail);

    public static Problem Invalid(string field, string message) =>
        new(ProblemKind.Validation, "Validation failed", Errors: new Dictionary<string, string[]> { [field] = [message] });

    public static Problem Invalid(IReadOnlyDictionary<string, string[]> errors) => new(ProblemKind.Validation, "Validation failed", Errors: errors);
}
