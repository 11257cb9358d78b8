using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;

namespace EdTech.Functions.Durable;

/// <summary>The activity context handed to a wrapped TaskActivity class (our activities read nothing from it).</summary>
internal sealed class FunctionActivityContext(TaskName name, string instanceId) : TaskActivityContext
{
    public override TaskName Name { get; } = name;

    public override string InstanceId { get; } = instanceId;

    /// <summary>Runs the shared activity class with its services from the invocation's scope: the body of every activity wrapper.</summary>
    public static Task<TOutput> Run<TActivity, TInput, TOutput>(FunctionContext context, TInput input)
        where TActivity : TaskActivity<TInput, TOutput> =>
        ActivatorUtilities.CreateInstance<TActivity>(context.InstanceServices)
            .RunAsync(new FunctionActivityContext(typeof(TActivity).Name, context.InvocationId), input);
}
