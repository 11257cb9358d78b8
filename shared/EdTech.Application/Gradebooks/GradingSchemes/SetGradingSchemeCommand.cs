namespace EdTech.Application.Gradebooks.GradingSchemes;

public sealed record GradingCategoryInput(string? Id, string? Name, decimal? Weight, int? DropLowest);

/// <summary>The teacher's body for <c>PUT .../grading-scheme</c>; the course comes from the route.</summary>
public sealed record SetGradingSchemeCommand(IReadOnlyList<GradingCategoryInput>? Categories);

/// <summary>A course's grading scheme as the API shows it (an empty list when none was set).</summary>
public sealed record GradingSchemeView(string CourseId, IReadOnlyList<Domain.Gradebooks.GradingCategory> Categories, DateTimeOffset? UpdatedAt);
