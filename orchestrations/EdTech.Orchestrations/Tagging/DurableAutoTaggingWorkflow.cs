using EdTech.Application.Content.Tagging.AutoTagging;
using EdTech.Orchestrations.Hosting;

namespace EdTech.Orchestrations.Tagging;

public sealed class DurableAutoTaggingWorkflow(IDurableClientSource durable) : IAutoTaggingWorkflow
{
    public Task StartAsync(AutoTagRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var input = new AutoTagItemsInput(request.TenantId, request.AssessmentId, request.ChangeKey, request.Items, request.Debounce.TotalSeconds);
        return durable.Client.TryScheduleAsync(nameof(AutoTagItemsOrchestrator), input, input.InstanceId, cancellationToken);
    }
}
