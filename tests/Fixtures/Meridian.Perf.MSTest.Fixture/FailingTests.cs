namespace Meridian.Perf.MSTest.Fixture;

[TestClass]
public sealed class FailingTests
{
    private readonly string _left = "abcd";
    private readonly string _right = "efgh";
    private int _number = 42;
    private object? _sink;
    private static int s_calls;

    [ZeroAllocTestMethod]
    public void Boxing() => _sink = _number;

    [ZeroAllocTestMethod]
    public void StringConcat() => _sink = _left + _right;

    [ZeroAllocTestMethod]
    [DataRow(0)]
    [DataRow(1)]
    [DataRow(1000)]
    public void NewArray(int length) => _sink = new int[length];

    [ZeroAllocTestMethod(MaxBytesPerCall = 16)]
    public void OverBudget() => _sink = new byte[8];

    [ZeroAllocTestMethod]
    public void FailingAssertion()
    {
        int answer = 42;
        Assert.AreEqual(41, answer);
    }

    [ZeroAllocTestMethod]
    public void ThrowsException() => throw new InvalidOperationException("thrown by the body");

    [ZeroAllocTestMethod(WarmupCalls = 0, Windows = 1, CallsPerWindow = 3)]
    public async Task AsyncLeavesTheThread()
    {
        await Task.Delay(1).ConfigureAwait(false);
        _number++;
    }

    [ZeroAllocTestMethod]
    public async Task AsyncAllocatesAfterAwait()
    {
        await Task.Yield();
        _sink = new object();
    }

    // Static state: the measurement runs on a new instance, so only a call count kept outside it shows the second call.
    [ZeroAllocTestMethod]
    public void NotIdempotent()
    {
        if (Interlocked.Increment(ref s_calls) > 1)
        {
            throw new InvalidOperationException("called twice");
        }
    }

    [ZeroAllocTestMethod]
    [Ignore("skipped on purpose")]
    public void Ignored() => _sink = new object();

    [ZeroAllocTestMethod]
    public void InconclusiveInsideBody()
    {
        _sink = new object();
        Assert.Inconclusive("inconclusive from inside the body");
    }

    [ZeroAllocTestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public void AllocatesUnderTimeout() => _sink = _number;

    // Every attempt is measured, so the retried test still fails with the measurement.
    [ZeroAllocTestMethod]
    [Retry(2)]
    public void RetriedAllocates() => _sink = _number;

    [ZeroAllocTestMethod]
    [DataRow("a")]
    public void GenericArrayAllocates<T>(T value) => _sink = new T[1];
}
