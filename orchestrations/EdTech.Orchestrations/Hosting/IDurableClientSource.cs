using Microsoft.DurableTask.Client;

namespace EdTech.Orchestrations.Hosting;

/// <summary>
/// Where the Durable*Workflow classes get their <see cref="DurableTaskClient"/>. The LocalHost has a real client in
/// DI (<see cref="RegisteredDurableClientSource"/>); the Functions isolated worker has one only as an invocation's
/// <c>[DurableClient]</c> binding value, which each function binds on <see cref="InvocationDurableClientSource"/>.
/// </summary>
public interface IDurableClientSource
{
    /// <summary>The client for the current request, job or invocation; throws when the host bound none.</summary>
    DurableTaskClient Client { get; }
}

/// <summary>A client the host owns: the LocalHost's DI-registered in-process engine client (and tests' test-host clients).</summary>
public sealed class RegisteredDurableClientSource(DurableTaskClient client) : IDurableClientSource
{
    public DurableTaskClient Client { get; } = client ?? throw new ArgumentNullException(nameof(client));
}
