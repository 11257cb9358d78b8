using EdTech.Application.Assessments.Lifecycle;
using EdTech.Application.Courses.Modules;
using Microsoft.Extensions.DependencyInjection;

namespace EdTech.Application.Courses.Lifecycle;

/// <summary>The lifecycle handlers (docs/api-lifecycle.md): course archive, assessment publish/unpublish, module read/delete.</summary>
public static class LifecycleServices
{
    public static IServiceCollection AddEdTechLifecycle(this IServiceCollection services)
    {
        services.AddSingleton<GetCourseHandler>();
        services.AddSingleton<UpdateCourseHandler>();
        services.AddSingleton<SetAssessmentStateHandler>();
        services.AddSingleton<GetModuleHandler>();
        services.AddSingleton<DeleteModuleHandler>();
        return services;
    }
}
