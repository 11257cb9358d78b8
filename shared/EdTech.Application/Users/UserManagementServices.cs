using EdTech.Application.Access;
using EdTech.Application.Courses;
using Microsoft.Extensions.DependencyInjection;

namespace EdTech.Application.Users;

/// <summary>User and enrollment management: read and patch a user, deactivation at the gate, unenrollment.</summary>
public static class UserManagementServices
{
    public static IServiceCollection AddEdTechUserManagement(this IServiceCollection services)
    {
        services.AddSingleton<DeactivatedUsers>();
        services.AddSingleton<GetUserHandler>();
        services.AddSingleton<UpdateUserHandler>();
        services.AddSingleton<UnenrollUserHandler>();
        return services;
    }
}
