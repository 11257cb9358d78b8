using EdTech.Application.Courses.Modules;
using EdTech.Application.Records;
using EdTech.Bff.Http;
using EdTech.Bff.Security;
using EdTech.Domain.Tenancy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace EdTech.Bff.Apis;

/// <summary>Course modules: teachers put and list them, enrolled students list what they may see.</summary>
public static class CourseModulesApi
{
    public static RouteGroupBuilder MapTeacherModulesApi(this IEndpointRouteBuilder routes)
    {
        var teacher = routes.MapRoleGroup("teacher");
        teacher.MapPut("/courses/{courseId}/modules/{moduleId}", Put);
        teacher.MapGet("/courses/{courseId}/modules", (string courseId, HttpContext context, GetModulesHandler handler) => List(courseId, context, handler, Roles.Teacher));
        return teacher;
    }

    public static RouteGroupBuilder MapStudentModulesApi(this IEndpointRouteBuilder routes)
    {
        var student = routes.MapRoleGroup("student");
        student.MapGet("/courses/{courseId}/modules", (string courseId, HttpContext context, GetModulesHandler handler) => List(courseId, context, handler, Roles.Student));
        return student;
    }

    /// <param name="ifMatch">With it the replace is conditional on that version (412 stale); the answer carries the stored ETag (docs/api-lifecycle.md).</param>
    private static async Task<Results<Created<ModuleView>, Ok<ModuleView>, ProblemHttpResult>> Put(
        string courseId, string moduleId, Json<PutModuleCommand> body, [FromHeader(Name = "If-Match")] string? ifMatch, HttpContext context, PutModuleHandler handler)
    {
        var outcome = await handler.PutAsync(context.GetCaller(), courseId, moduleId, body.Value, LifecycleApi.IfMatch(ifMatch), context.RequestAborted);
        if (outcome.Value is { } stored)
        {
            context.Response.Headers.ETag = stored.ETag;
        }

        return OutcomeResults.Created(outcome, m => ToView(m.Value), m => $"/api/teacher/courses/{m.Value.CourseId}/modules/{m.Value.ModuleId}");
    }

    private static async Task<Results<Ok<ModuleList>, ProblemHttpResult>> List(string courseId, HttpContext context, GetModulesHandler handler, string role) =>
        OutcomeResults.Ok(await handler.HandleAsync(context.GetCaller(), courseId, role, context.RequestAborted));

    private static ModuleView ToView(ModuleRecord m) => new(m.ModuleId, m.Title, m.Position, m.Items);
}
