using EdTech.Application.Common;
using Microsoft.AspNetCore.Http;

namespace EdTech.Bff.Http;

public static class OutcomeResults
{
    /// <summary>201 when the use case created the resource, 200 when it already existed (same content), else the problem.</summary>
    public static IResult Created<T>(Outcome<T> outcome, Func<T, object> body, Func<T, string> location) => outcome switch
    {
        { Problem: { } p } => Problems.Of(p),
        { Created: true } => TypedResults.Created(location(outcome.Value!), body(outcome.Value!)),
        _ => TypedResults.Ok(body(outcome.Value!)),
    };

    public static IResult Ok<T>(Outcome<T> outcome, Func<T, object>? body = null) =>
        outcome.Problem is { } p ? Problems.Of(p) : TypedResults.Ok(body is null ? outcome.Value : body(outcome.Value!));
}
