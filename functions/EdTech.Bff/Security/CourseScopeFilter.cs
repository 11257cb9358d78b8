using EdTech.Application.Access;
using EdTech.Application.Assessments;
using EdTech.Application.Common;
using EdTech.Bff.Http;
using EdTech.Domain.Tenancy;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace EdTech.Bff.Security;

/// <summary>
/// <see cref="AccessScope.Course"/> enforced by the pipeline for every Course row: a teacher or student
/// must be enrolled, in that role, in the route's course ({courseId}) or the course of the route's
/// assessment ({assessmentId}); otherwise 404, so ids do not leak. Other roles a row allows (none yet)
/// reach the whole tenant. Handlers keep their own CourseAccess check, so the application layer stays
/// safe behind any adapter; both reads are cached.
/// </summary>
public sealed class CourseScopeFilter(AccessRule rule) : IEndpointFilter
{
    private static readonly string[] EnrollmentRoles = [Roles.Teacher, Roles.Student];

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        var caller = http.GetCaller();
        var allowed = rule.Roles.Where(caller.Roles.Contains).ToList();
        if (allowed.Any(r => !EnrollmentRoles.Contains(r)))
        {
            return await next(context).ConfigureAwait(false);
        }

        var (courseId, what) = await CourseOfRouteAsync(http, caller.Tenant).ConfigureAwait(false);
        var access = http.RequestServices.GetRequiredService<CourseAccess>();
        foreach (var role in allowed)
        {
            if (courseId is not null && await access.IsEnrolledAsync(caller.Tenant, courseId, caller.UserId, role, http.RequestAborted).ConfigureAwait(false))
            {
                return await next(context).ConfigureAwait(false);
            }
        }

        return Problems.Of(Problem.NotFound(what));
    }

    private static async ValueTask<(string? CourseId, string What)> CourseOfRouteAsync(HttpContext http, TenantId tenant)
    {
        var courseId = http.Request.RouteValues["courseId"] as string;
        if (courseId is not null)
        {
            return (courseId, "course");
        }

        var assessmentId = http.Request.RouteValues["assessmentId"] as string;
        if (assessmentId is not null)
        {
            var lookup = http.RequestServices.GetRequiredService<AssessmentLookup>();
            return ((await lookup.FindAsync(tenant, assessmentId, http.RequestAborted).ConfigureAwait(false))?.CourseId, "assessment");
        }

        return (null, "course");
    }

    /// <summary>Start-up check: a Course row must name its course in the route.</summary>
    public static void EnsureRouteNamesACourse(AccessRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (!rule.Pattern.Contains("{courseId}", StringComparison.Ordinal) && !rule.Pattern.Contains("{assessmentId}", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Course-scoped '{rule.Endpoint}' needs {{courseId}} or {{assessmentId}} in its route.");
        }
    }
}
