namespace EdTech.Application.Courses.Modules;

public sealed record ModuleItemInput(string? Id, string? Title, string? Kind, string? AssessmentId, string? Url);

/// <summary>The body of PUT .../modules/{moduleId}: the whole module (create or replace).</summary>
public sealed record PutModuleCommand(string? Title, int? Position, IReadOnlyList<ModuleItemInput>? Items);
