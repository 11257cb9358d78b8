using Microsoft.Extensions.DependencyInjection;

namespace EdTech.Application.Rubrics;

public static class RubricServiceCollectionExtensions
{
    /// <summary>The rubric use cases (docs/rubrics.md); grading with a rubric is part of the grade handler.</summary>
    public static IServiceCollection AddEdTechRubrics(this IServiceCollection services)
    {
        services.AddSingleton<CreateRubricHandler>();
        services.AddSingleton<GetRubricHandler>();
        services.AddSingleton<UpdateRubricHandler>();
        services.AddSingleton<ListRubricsHandler>();
        services.AddSingleton<GetRubricStatisticsHandler>();
        return services;
    }
}
