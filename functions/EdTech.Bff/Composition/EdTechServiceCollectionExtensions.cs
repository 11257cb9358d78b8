using EdTech.Application;
using EdTech.Application.Content.Tagging;
using EdTech.Application.Grading;
using EdTech.Application.Serialization;
using EdTech.Bff.Http;
using EdTech.Bff.Limits;
using EdTech.Bff.Security;
using EdTech.Infrastructure.Ai;
using EdTech.Infrastructure.Storage.Sqlite;
using EdTech.Orchestrations.Grading;
using EdTech.Orchestrations.Release;
using EdTech.Orchestrations.Tagging;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EdTech.Bff.Composition;

public static class EdTechServiceCollectionExtensions
{
    /// <summary>
    /// The one composition both hosts use. The host adds only what is its own: the LocalHost its local
    /// token issuer, durable engine and change-feed pump; the Functions app its triggers.
    /// </summary>
    public static IServiceCollection AddEdTech(this IServiceCollection services, IConfiguration configuration)
    {
        var options = EdTechOptions.From(configuration);
        services.AddSingleton(options);
        services.AddSqliteDocumentStore(new SqliteStoreOptions(Path.Combine(options.DataDirectory, "edtech.db"), options.SynchronousFull));
        services.AddEdTechApplication();
        services.AddSingleton<IGradingWorkflow, DurableGradingWorkflow>();
        services.AddSingleton<IReleaseWorkflow, DurableReleaseWorkflow>();
        services.AddSingleton<ITaggingWorkflow, DurableTaggingWorkflow>();
        services.AddEdTechChatClient(configuration);

        services.AddRouting();
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            ctx.ProblemDetails.Type ??= ctx.ProblemDetails.Status switch
            {
                StatusCodes.Status401Unauthorized => ProblemTypes.Unauthenticated,
                StatusCodes.Status403Forbidden => ProblemTypes.Forbidden,
                StatusCodes.Status404NotFound => ProblemTypes.NotFound,
                _ => ctx.ProblemDetails.Type,
            };
        });
        services.ConfigureHttpJsonOptions(o => EdTechJson.Configure(o.SerializerOptions));
        services.AddEdTechAuthentication(configuration);
        services.AddEdTechAuthorization();
        services.AddEdTechRateLimits(configuration).AddEdTechWebClients(configuration);
        foreach (var role in Apis.EdTechApi.RoleGroups.Keys)
        {
            services.AddOpenApi(role, o => o.ShouldInclude = d => d.GroupName == role);
        }

        return services;
    }
}
