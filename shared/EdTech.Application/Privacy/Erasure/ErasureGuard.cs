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
        services.AddSingleton<IDocumentStore>(provider => new ErasureGuardedStore(Resolve(adapter, provider)));
        return services;
    }

    private static IDocumentStore Resolve(ServiceDescriptor adapter, IServiceProvider provider) =>
        adapter.ImplementationInstance as IDocumentStore
        ?? (adapter.ImplementationFactory is { } factory
            ? (IDocumentStore)factory(provider)
            : (IDocumentStore)ActivatorUtilities.CreateInstance(provider, adapter.ImplementationType!));
}
