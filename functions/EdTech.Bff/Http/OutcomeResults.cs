using EdTech.Application.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EdTech.Bff.Http;

/// <summary>
/// A use case's <see cref="Outcome{T}"/> as a typed result: the success type is in the handler's signature, so the OpenAPI
/// document gets its status and schema from it; every problem is application/problem+json (<see cref="Problems.Of"/>).
/// </summary>
public static class OutcomeResults
{
    /// <summary>201 when the use case created the resource, 200 when it already existed (same content), else the problem.</summary>
    public static Results<Created<TView>, Ok<TView>, ProblemHttpResult> Created<T, TView>(Outcome<T> outcome, Func<T, TView> body, Func<T, string> location)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(location);
        return outcome switch
        {
            { Problem: { } p } => Problems.Of(p),
            { Created: true } => TypedResults.Created(location(outcome.Value!), body(outcome.Value!)),
            _ => TypedResults.Ok(body(outcome.Value!)),
        };
    }

    public static Results<Ok<T>, ProblemHttpResult> Ok<T>(Outcome<T> outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return outcome.Problem is { } p ? Problems.Of(p) : TypedResults.Ok(outcome.Value);
    }

    public static Results<Ok<TView>, ProblemHttpResult> Ok<T, TView>(Outcome<T> outcome, Func<T, TView> body)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(body);
        return outcome.Problem is { } p ? Problems.Of(p) : TypedResults.Ok(body(outcome.Value!));
    }

    /// <summary>202 with the acceptance (and where to follow it, when there is such a place), else the problem.</summary>
    public static Results<Accepted<T>, ProblemHttpResult> Accepted<T>(Outcome<T> outcome, Func<T, string>? location = null)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return outcome.Problem is { } p ? Problems.Of(p) : TypedResults.Accepted(location?.Invoke(outcome.Value!), outcome.Value);
    }
}
