using TUnit.Core.Executors;
using TUnit.Core.Interfaces;

namespace Meridian.Perf.TUnit.Fixture;

public sealed class FailingTests
{
    private readonly string _left = "abcd";
    private readonly string _right = "efgh";
    private int _number = 42;
    private object? _sink;
    private int _calls;

    [Test, ZeroAlloc]
    public void Boxing() => _sink = _number;

    [Test, ZeroAlloc]
    public void StringConcat() => _sink = _left + _right;

    [Test, ZeroAlloc]
    [Arguments(0)]
    [Arguments(1)]
    [Arguments(1000)]
    public void NewArray(int length) => _sink = new int[length];

    [Test, ZeroAlloc(MaxBytesPerCall = 16)]
    public void OverBudget() => _sink = new byte[8];

    [Test, ZeroAlloc]
    public async Task FailingAssertion()
    {
        int answer = 42;
        await Assert.That(answer).IsEqualTo(41);
    }

    [Test, ZeroAlloc]
    public void ThrowsException() => throw new InvalidOperationException("thrown by the body");

    [Test, ZeroAlloc(WarmupCalls = 0, Windows = 1, CallsPerWindow = 3)]
    public async Task AsyncLeavesTheThread()
    {
        await Task.Delay(1).ConfigureAwait(false);
        _number++;
    }

    [Test, ZeroAlloc]
    public async Task AsyncAllocatesAfterAwait()
    {
        await Task.Yield();
        _sink = new object();
    }

    [Test, ZeroAlloc]
    public void NotIdempotent()
    {
        if (_calls++ > 0)
        {
            throw new InvalidOperationException("called twice");
        }
    }

    [Test, ZeroAlloc, Skip("skipped on purpose")]
    public void Skipped() => _sink = new object();

    [Test, ZeroAlloc]
    public void SkippedInsideBody()
    {
        _sink = new object();
        Skip.Test("skipped from inside the body");
    }

    [Test, ZeroAlloc]
    [Timeout(60_000)]
    public void AllocatesWithCancellationToken(CancellationToken token) => _sink = token.IsCancellationRequested ? null : _number;

    [Test, ZeroAlloc, Repeat(1)]
    public void RepeatedAllocates() => _sink = _number;

    [Test, ZeroAlloc, TestExecutor<PassThroughExecutor>]
    public void AllocatesUnderAnotherExecutor() => _sink = _number;

    /// <summary>A user's own executor: [ZeroAlloc] wraps it rather than replacing it.</summary>
    public sealed class PassThroughExecutor : ITestExecutor
    {
        public ValueTask ExecuteTest(TestContext context, Func<ValueTask> action) => action();
    }
}
