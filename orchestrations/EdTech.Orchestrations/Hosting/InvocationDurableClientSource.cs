using Microsoft.DurableTask.Client;

namespace EdTech.Orchestrations.Hosting;

/// <summary>
/// The client bound for the current invocation (the Functions app's <c>[DurableClient]</c> binding value), carried
/// on the invocation's async flow so the singleton handlers and workflows of the shared pipeline see it: an HTTP
/// role function or timer calls <see cref="Bind"/> before it runs the pipeline or job and disposes it after.
/// Concurrent invocations each see only their own client.
/// </summary>
public sealed class InvocationDurableClientSource : IDurableClientSource
{
    private readonly AsyncLocal<DurableTaskClient?> _current = new();

    public DurableTaskClient Client => _current.Value
        ?? throw new InvalidOperationException("No durable client is bound for this invocation: the function must take [DurableClient] DurableTaskClient and bind it (InvocationDurableClientSource.Bind) before running the pipeline or job.");

    /// <summary>Binds <paramref name="client"/> until the returned scope is disposed (which restores the previous one).</summary>
    public IDisposable Bind(DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        var previous = _current.Value;
        _current.Value = client;
        return new Binding(_current, previous);
    }

    private sealed class Binding(AsyncLocal<DurableTaskClient?> current, DurableTaskClient? previous) : IDisposable
    {
        public void Dispose() => current.Value = previous;
    }
}
