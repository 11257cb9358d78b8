using EdTech.Application.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace EdTech.Application.Privacy.Erasure;

/// <summary>Composition: puts <see cref="ErasureGuardedStore"/> over whatever <see cref="IDocumentStore"/> the host registered.</summary>
public static class ErasureGuard
{
    /// <summary>
    /// Replaces the last <see cref="IDocumentStore"/> registration by the guarded store over it. Called by the shared
    /// composition right after the store adapter, so both hosts (and every service, handler and activity) get the guard.
    /// </summary>
    public static IServiceCollection AddErasureGuard(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var adapter = services.LastOrDefault(d => d.ServiceType == typeof(IDocumentStore))
            ?? throw new InvalidOperationException("Register the document store before its erasure guard.");
        services.Remove(adapter);
        services.AddSingleton<IDocumentStore>(provider => new ErasureGuardedStore(Resolve(adapter, provider), provider.GetService<TimeProvider>()));
        return services;
    }

    // No pattern variable behind `?:`: each way of registering is its own statement (mutation testing compiles each mutant).
    private static IDocumentStore Resolve(ServiceDescriptor adapter, IServiceProvider provider)
    {
        var instance = adapter.ImplementationInstance as IDocumentStore;
        if (instance is not null)
        {
            return instance;
        }

        var factory = adapter.ImplementationFactory;
        return factory is not null
            ? (IDocumentStore)factory(provider)
            : (IDocumentStore)ActivatorUtilities.CreateInstance(provider, adapter.ImplementationType!);
    }
}
