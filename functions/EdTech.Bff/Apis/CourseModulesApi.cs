using EdTech.Application.Courses.Modules;
using EdTech.Application.Records;
using EdTech.Bff.Http;
using EdTech.Bff.Security;
using EdTech.Domain.Tenancy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EdTech.Bff.Apis;

/// <summary>Course modules: teachers put and list them, enrolled students list what they may see.</summary>
public static class CourseModulesApi
{
    public static RouteGroupBuilder MapTeacherModulesApi(this RouteGroupBuilder teacher)
    {
        teacher.MapPut("/courses/{courseId}/modules/{moduleId}", Put).Accepts<PutModuleCommand>("application/json").Produces<ModuleView>();
        teacher.MapGet("/courses/{courseId}/modules", (string courseId, HttpContext context, GetModulesHandler handler) => List(courseId, context, handler, Roles.Teacher))
            .Produces<ModuleList>();
        return teacher;
    }

    public static RouteGroupBuilder MapStudentModulesApi(this RouteGroupBuilder student)
    {
        student.MapGet("/courses/{courseId}/modules", (string courseId, HttpContext context, GetModulesHandler handler) => List(courseId, context, handler, Roles.Student))
            .Produces<ModuleList>();
        return student;
    }

    private static async Task<IResult> Put(string courseId, string moduleId, HttpRequest request, PutModuleHandler handler)
    {
        var (body, error) = await JsonBody.ReadAsync<PutModuleCommand>(request);
        return error ?? OutcomeResults.Created(await handler.HandleAsync(request.HttpContext.GetCaller(), courseId, moduleId, body!, request.HttpContext.RequestAborted),
            ToView, m => $"/api/teacher/courses/{m.CourseId}/modules");
    }

    private static async Task<IResult> List(string courseId, HttpContext context, GetModulesHandler handler, string role) =>
        OutcomeResults.Ok(await handler.HandleAsync(context.GetCaller(), courseId, role, context.RequestAborted));

    private static ModuleView ToView(ModuleRecord m) => new(m.ModuleId, m.Title, m.Position, m.Items);
}
