namespace EdTech.Orchestrations;

/// <summary>
/// Keeps at most <c>cap</c> of an orchestrator's child steps (activities, sub-orchestrations) in flight: adding one to a full
/// window first waits for the earliest recorded completion. Deterministic on replay (which step completed first is read
/// from the history). A step that failed past its retries fails the orchestrator when it is taken out of the window.
/// A bulk workflow that fanned out every page at once (a 100,000-submission release: 1,000 pages) held every page's work
/// in memory at the same time and starved everything else on the worker.
/// </summary>
public sealed class InFlightWindow<T>(int cap)
{
    private readonly int _cap = Math.Max(1, cap);
    private readonly List<Task<T>> _inFlight = [];
    private readonly List<T> _results = [];

    /// <summary>Adds a started step; returns once there is room for the next (the window holds fewer than the cap).</summary>
    public async Task AddAsync(Task<T> step)
    {
        _inFlight.Add(step);
        while (_inFlight.Count >= _cap)
        {
            await TakeOneAsync();
        }
    }

    /// <summary>Waits for every step still in flight; the results of all steps added, in the order they completed.</summary>
    public async Task<IReadOnlyList<T>> AllAsync()
    {
        while (_inFlight.Count > 0)
        {
            await TakeOneAsync();
        }

        return _results;
    }

    private async Task TakeOneAsync()
    {
        var finished = await Task.WhenAny(_inFlight);
        _inFlight.Remove(finished);
        _results.Add(await finished);
    }
}
