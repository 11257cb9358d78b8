using EdTech.Application.Tenants.Directory;
using Microsoft.Extensions.DependencyInjection;

namespace EdTech.Application.Tenants;

public static class TenantRegistryServices
{
    /// <summary>The platform's tenant registry use cases and the directory-id resolver used by token mapping.</summary>
    public static IServiceCollection AddEdTechTenantRegistry(this IServiceCollection services)
    {
        services.AddSingleton<DirectoryTenantResolver>();
        services.AddSingleton<GetTenantsHandler>();
        services.AddSingleton<UpdateTenantHandler>();
        services.AddSingleton<TenantStatusChange>();
        services.AddSingleton<SuspendTenantHandler>();
        services.AddSingleton<ReactivateTenantHandler>();
        return services;
    }
}
