using EdTech.Application.Lists.Admin;
using EdTech.Application.Lists.Content;
using Microsoft.Extensions.DependencyInjection;

namespace EdTech.Application.Lists;

public static class ListsServiceCollectionExtensions
{
    /// <summary>The admin and content lists (docs/api-lists.md): stateless handlers over the document store.</summary>
    public static IServiceCollection AddEdTechAdminContentLists(this IServiceCollection services)
    {
        services.AddSingleton<ListUsersHandler>();
        services.AddSingleton<ListCoursesHandler>();
        services.AddSingleton<ListEnrollmentsHandler>();
        services.AddSingleton<ListAuditHandler>();
        services.AddSingleton<ListTaggingJobsHandler>();
        services.AddSingleton<ListSimulationsHandler>();
        return services;
    }
}
