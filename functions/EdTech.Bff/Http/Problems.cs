using EdTech.Application.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EdTech.Bff.Http;

public static class Problems
{
    public static ProblemHttpResult Of(Problem problem) => problem.Kind switch
    {
        ProblemKind.Validation => ValidationProblem(problem.Errors ?? new Dictionary<string, string[]>(), problem.Title),
        ProblemKind.NotFound => Status(StatusCodes.Status404NotFound, ProblemTypes.NotFound, problem.Title, problem.Detail),
        // A conflict about named fields (e.g. a user id not yet free again) names them as a validation problem does.
        ProblemKind.Conflict when problem.Errors is { } errors => TypedResults.Problem(new Microsoft.AspNetCore.Mvc.ValidationProblemDetails(errors.ToDictionary(e => e.Key, e => e.Value))
        {
            Status = StatusCodes.Status409Conflict, Title = problem.Title, Detail = problem.Detail, Type = problem.Code is { } c ? ProblemTypes.Of(c) : ProblemTypes.Conflict,
        }),
        ProblemKind.Conflict => Status(StatusCodes.Status409Conflict, problem.Code is { } code ? ProblemTypes.Of(code) : ProblemTypes.Conflict, problem.Title, problem.Detail),
        ProblemKind.PreconditionFailed => Status(StatusCodes.Status412PreconditionFailed, ProblemTypes.PreconditionFailed, problem.Title, problem.Detail),
        ProblemKind.PreconditionRequired => Status(StatusCodes.Status428PreconditionRequired, ProblemTypes.PreconditionRequired, problem.Title, problem.Detail),
        ProblemKind.GenAiUnavailable => Status(StatusCodes.Status503ServiceUnavailable, ProblemTypes.GenAiUnavailable, problem.Title, problem.Detail),
        _ => Status(StatusCodes.Status500InternalServerError, ProblemTypes.ServerError, "Server error", null),
    };

    public static ProblemHttpResult Status(int status, string type, string title, string? detail) =>
        TypedResults.Problem(detail, statusCode: status, title: title, type: type);

    public static ProblemHttpResult ValidationProblem(IReadOnlyDictionary<string, string[]> errors, string title = "Validation failed", int status = StatusCodes.Status422UnprocessableEntity) =>
        TypedResults.Problem(new Microsoft.AspNetCore.Mvc.ValidationProblemDetails(errors.ToDictionary(e => e.Key, e => e.Value))
        {
            Status = status,
            Title = title,
            Type = ProblemTypes.Validation,
        });
}
