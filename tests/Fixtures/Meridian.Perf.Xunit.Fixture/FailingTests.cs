namespace Meridian.Perf.Xunit.Fixture;

public class FailingTests
{
    private readonly string _left = "abcd";
    private readonly string _right = "efgh";
    private readonly int _number = 42;
    private object? _sink;
    private int _calls;

    [ZeroAllocFact]
    public void Boxing() => _sink = _number;

    [ZeroAllocFact]
    public void StringConcat() => _sink = _left + _right;

    [ZeroAllocTheory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(1000)]
    public void NewArray(int length) => _sink = new int[length];

    [ZeroAllocFact(MaxBytesPerCall = 16)]
    public void OverBudget() => _sink = new byte[8];

    [ZeroAllocFact]
    public void FailingAssertion() => Assert.Equal(41, _number);

    [ZeroAllocFact]
    public void ThrowsException() => throw new InvalidOperationException("thrown by the body");

    [ZeroAllocFact(WarmupCalls = 0, Windows = 1, CallsPerWindow = 3)]
    public async Task AsyncLeavesTheThread() => await Task.Delay(1).ConfigureAwait(false);

    [ZeroAllocFact]
    public async Task AsyncAllocatesAfterAwait()
    {
        await Task.Yield();
        _sink = new object();
    }

    [ZeroAllocFact]
    public void NotIdempotent()
    {
        if (_calls++ > 0)
        {
            throw new InvalidOperationException("called twice");
        }
    }

    [ZeroAllocFact(Skip = "skipped on purpose")]
    public void Skipped() => _sink = new object();
}
