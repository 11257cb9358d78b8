using Microsoft.DurableTask;

namespace EdTech.Functions.Durable;

/// <summary>The activity context handed to a wrapped TaskActivity class (our activities read nothing from it).</summary>
internal sealed class FunctionActivityContext(TaskName name, string instanceId) : TaskActivityContext
{
    public override TaskName Name { get; } = name;

    public override string InstanceId { get; } = instanceId;
}
