using EdTech.Application.Privacy.Erasure;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace EdTech.Bff.Http;

/// <summary>
/// A request whose write concerned a student erased meanwhile (e.g. a submit racing the erasure, with the student's still-valid
/// token): the erasure guard refused or undid the write; the answer is 404, as for every resource that is gone, never a 5xx.
/// </summary>
public sealed class SubjectErasedHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (exception is not SubjectErasedException)
        {
            return false;
        }

        httpContext.Response.StatusCode = StatusCodes.Status404NotFound;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status404NotFound, Type = ProblemTypes.NotFound, Title = "Not found", Detail = "No resource with that id is visible to you.",
            },
        }).ConfigureAwait(false);
    }
}
