namespace EdTech.Orchestrations.Tests.Steps;

/// <summary>The window the bulk orchestrators share: never more than the cap in flight, results in completion order, a failure surfaces.</summary>
public sealed class InFlightWindowTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public async Task AddAsync_NoPositiveCap_HoldsOneAtATime(int cap)
    {
        var window = new InFlightWindow<int>(cap);
        var first = new TaskCompletionSource<int>();

        var adding = window.AddAsync(first.Task);

        Assert.False(adding.IsCompleted);
        first.SetResult(7);
        await adding;
        Assert.Equal([7], await window.AllAsync());
    }

    [Fact]
    public async Task AddAsync_CapTwo_WaitsForOneToFinish_ResultsInTheOrderTheyFinished()
    {
        var window = new InFlightWindow<int>(2);
        var a = new TaskCompletionSource<int>();
        var b = new TaskCompletionSource<int>();
        var c = new TaskCompletionSource<int>();

        await window.AddAsync(a.Task);
        var addingB = window.AddAsync(b.Task);
        Assert.False(addingB.IsCompleted);
        b.SetResult(2);
        await addingB;
        var addingC = window.AddAsync(c.Task);
        Assert.False(addingC.IsCompleted);
        a.SetResult(1);
        await addingC;
        c.SetResult(3);

        Assert.Equal([2, 1, 3], await window.AllAsync());
    }

    [Fact]
    public async Task AllAsync_AStepFailed_Throws()
    {
        var window = new InFlightWindow<int>(4);
        await window.AddAsync(Task.FromResult(1));
        await window.AddAsync(Task.FromException<int>(new InvalidOperationException("chunk failed")));

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => window.AllAsync());

        Assert.Equal("chunk failed", thrown.Message);
    }
}
