using System.Text.Json.Serialization;
using EdTech.Domain.Assessments;

namespace EdTech.Application.Assessments;

public sealed record LatePolicyInput(decimal? PercentPerDay, decimal? FloorPercent);

public sealed record ReleaseInput(string? Mode, DateTimeOffset? At);

public sealed record ItemInput(string? Id, string? Type, string? Prompt, IReadOnlyList<string>? Choices, AnswerValue? Answer, decimal? Tolerance, decimal? Points, IReadOnlyList<string>? Skills);

/// <summary>
/// The teacher's body (<see cref="Category"/>: a category id of the course's grading scheme, optional); <see cref="CourseId"/> comes from the route, never the body.
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
    int? TimeLimitSeconds = null,
    string? OverTime = null)
{
    [JsonIgnore]
    public string CourseId { get; init; } = string.Empty;
}
