using EdTech.Application.Common;

namespace EdTech.Application.Courses.Modules;

internal static class ModuleProblems
{
    public static Problem Stale => new(ProblemKind.PreconditionFailed, "Precondition failed", "The module changed (or is gone) since that ETag; GET it again.");
}
