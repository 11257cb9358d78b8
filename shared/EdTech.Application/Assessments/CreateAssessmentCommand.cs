using System.Text.Json.Serialization;
using EdTech.Domain.Assessments;

namespace EdTech.Application.Assessments;

public sealed record LatePolicyInput(decimal? PercentPerDay, decimal? FloorPercent);

public sealed record ReleaseInput(string? Mode, DateTimeOffset? At);

/// <param name="Options">The richer item types' settings (docs/item-types.md), stored as given once valid.</param>
/// <param name="RubricId">A rubric of the course to score this (manually scored) item with (docs/rubrics.md).</param>
public sealed record ItemInput(string? Id, string? Type, string? Prompt, IReadOnlyList<string>? Choices, AnswerValue? Answer, decimal? Tolerance, decimal? Points, IReadOnlyList<string>? Skills,
    ItemOptions? Options = null, string? RubricId = null);

/// <summary>
/// The teacher's body (<see cref="Category"/>: a category id of the course's grading scheme, optional); <see cref="CourseId"/> comes from
/// the route, never the body. <see cref="Published"/>: false creates a draft students cannot see; absent or true publishes it (as before
/// drafts existed). Only the create reads it: an edit (PUT) keeps the state, which changes through publish/unpublish.
/// <see cref="TimeLimitSeconds"/> and <see cref="OverTime"/> make it a timed assessment (docs/timing.md).
/// </summary>
public sealed record CreateAssessmentCommand(
    string? Id,
    string? Title,
    DateTimeOffset? DueAt,
    int? GraceSeconds,
    int? MaxAttempts,
    LatePolicyInput? LatePolicy,
    ReleaseInput? Release,
    IReadOnlyList<ItemInput>? Items,
    string? Category = null,
    bool? Published = null,
    int? TimeLimitSeconds = null,
    string? OverTime = null)
{
    [JsonIgnore]
    public string CourseId { get; init; } = string.Empty;
}
