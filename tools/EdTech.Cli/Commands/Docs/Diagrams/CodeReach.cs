using System.Reflection;
using Microsoft.Extensions.DependencyInjection;

namespace EdTech.Cli.Commands.Docs.Diagrams;

/// <summary>
/// What a class reaches through its constructor dependencies, following the composition's registrations a few levels deep:
/// the orchestrators it schedules (their names are string literals in the code that starts them, <c>nameof(...)</c>) and
/// the services it depends on. Facts the catalogs do not hold (which handler or timer starts which orchestration, which
/// one publishes to the outbox), read from the code the hosts run rather than listed by hand.
/// </summary>
public sealed class CodeReach(Composition composition, int depth = 3)
{
    public sealed record Reach(IReadOnlySet<string> Strings, IReadOnlySet<Type> Dependencies);

    public Reach From(Type start)
    {
        ArgumentNullException.ThrowIfNull(start);
        var strings = new HashSet<string>(StringComparer.Ordinal);
        var seen = new HashSet<Type>();
        var dependencies = new HashSet<Type>();
        var frontier = new List<Type> { start };
        for (var level = 0; level <= depth && frontier.Count > 0; level++)
        {
            var next = new List<Type>();
            foreach (var type in frontier.Where(seen.Add))
            {
                strings.UnionWith(IlScan.Strings(type));
                foreach (var parameter in Constructor(type)?.GetParameters() ?? [])
                {
                    dependencies.Add(parameter.ParameterType);
                    next.AddRange(Implementations(parameter.ParameterType));
                }
            }

            frontier = next;
        }

        return new Reach(strings, dependencies);
    }

    /// <summary>The classes a service type resolves to: itself when it is one of ours, else what it is registered as.</summary>
    public IEnumerable<Type> Implementations(Type service)
    {
        ArgumentNullException.ThrowIfNull(service);
        if (!Ours(service))
        {
            yield break;
        }

        if (!service.IsInterface && !service.IsAbstract)
        {
            yield return service;
            yield break;
        }

        foreach (var descriptor in composition.Registrations(service))
        {
            if (descriptor.ImplementationType is { } type)
            {
                yield return type;
            }
            else if (descriptor.ImplementationFactory is { } factory)
            {
                foreach (var resolved in Resolved(factory.Method))
                {
                    yield return resolved;
                }
            }
        }
    }

    /// <summary>The T of each GetRequiredService&lt;T&gt;/GetService&lt;T&gt; a factory or job method calls.</summary>
    public static IEnumerable<Type> Resolved(MethodInfo method)
    {
        ArgumentNullException.ThrowIfNull(method);
        return IlScan.Calls(method)
            .OfType<MethodInfo>()
            .Where(m => m.IsGenericMethod && m.Name is nameof(ServiceProviderServiceExtensions.GetRequiredService) or nameof(ServiceProviderServiceExtensions.GetService))
            .Select(m => m.GetGenericArguments()[0])
            .Distinct();
    }

    private static ConstructorInfo? Constructor(Type type) =>
        type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault();

    private static bool Ours(Type type) => type.Assembly.GetName().Name?.StartsWith("EdTech.", StringComparison.Ordinal) == true;
}
