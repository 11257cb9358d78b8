using System.Reflection;
using EdTech.Functions.Http;
using Microsoft.Azure.Functions.Worker;

namespace EdTech.Functions.Tests;

/// <summary>Every [Function] method in the Functions assembly, found by reflection, with its trigger attribute.</summary>
internal sealed record FunctionMethod(string Name, MethodInfo Method, Attribute Trigger)
{
    public static IReadOnlyList<FunctionMethod> All { get; } = Discover();

    public string EntryPoint => $"{Method.DeclaringType!.FullName}.{Method.Name}";

    /// <summary>The binding type the Worker SDK writes into functions.metadata for this trigger.</summary>
    public string TriggerBindingType => Trigger switch
    {
        HttpTriggerAttribute => "httpTrigger",
        OrchestrationTriggerAttribute => "orchestrationTrigger",
        ActivityTriggerAttribute => "activityTrigger",
        TimerTriggerAttribute => "timerTrigger",
        // Only in the Azure build (the attribute's package is not referenced here), so matched by name.
        _ when Trigger.GetType().FullName == "Microsoft.Azure.Functions.Worker.CosmosDBTriggerAttribute" => "cosmosDBTrigger",
        _ => throw new InvalidOperationException($"{Name}: unexpected trigger {Trigger.GetType().Name}."),
    };

    private static List<FunctionMethod> Discover()
    {
        var functions = new List<FunctionMethod>();
        foreach (var type in typeof(RoleFunctions).Assembly.GetTypes())
        {
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            {
                var function = method.GetCustomAttribute<FunctionAttribute>();
                if (function is null)
                {
                    continue;
                }

                var triggers = method.GetParameters()
                    .SelectMany(p => p.GetCustomAttributes())
                    .Where(a => a.GetType().Name.EndsWith("TriggerAttribute", StringComparison.Ordinal))
                    .ToList();
                if (triggers.Count != 1)
                {
                    throw new InvalidOperationException($"{function.Name} ({type.Name}.{method.Name}) has {triggers.Count} trigger parameters; a function needs exactly one.");
                }

                functions.Add(new FunctionMethod(function.Name, method, triggers[0]));
            }
        }

        return functions;
    }
}
