namespace Meridian.Perf.Xunit.V3.Fixture;

public class FailingTests
{
    private readonly string _left = "abcd";
    private readonly string _right = "efgh";
    private readonly int _number = 42;
    private object? _sink;
    private int _calls;

    [Fact, ZeroAlloc]
    public void Boxing() => _sink = _number;

    [Fact, ZeroAlloc]
    public void StringConcat() => _sink = _left + _right;

    [Theory, ZeroAlloc]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(1000)]
    public void NewArray(int length) => _sink = new int[length];

    [Fact, ZeroAlloc(MaxBytesPerCall = 16)]
    public void OverBudget() => _sink = new byte[8];

    [Fact, ZeroAlloc]
    public void FailingAssertion() => Assert.Equal(41, _number);

    [Fact, ZeroAlloc]
    public void ThrowsException() => throw new InvalidOperationException("thrown by the body");

    [Fact, ZeroAlloc(WarmupCalls = 0, Windows = 1, CallsPerWindow = 3)]
    public async Task AsyncLeavesTheThread() => await Task.Delay(1, TestContext.Current.CancellationToken).ConfigureAwait(false);

    [Fact, ZeroAlloc]
    public async Task AsyncAllocatesAfterAwait()
    {
        await Task.Yield();
        _sink = new object();
    }

    [Fact, ZeroAlloc]
    public void NotIdempotent()
    {
        if (_calls++ > 0)
        {
            throw new InvalidOperationException("called twice");
        }
    }

    [Fact(Skip = "skipped on purpose"), ZeroAlloc]
    public void Skipped() => _sink = new object();

    [Fact, ZeroAlloc]
    public void SkippedInsideBody()
    {
        _sink = new object();
        Assert.Skip("skipped from inside the body");
    }
}
