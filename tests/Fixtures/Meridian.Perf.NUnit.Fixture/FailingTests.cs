using NUnit.Framework;

namespace Meridian.Perf.NUnit.Fixture;

[Parallelizable(ParallelScope.All)]
public class FailingTests
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

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(1000)]
    [ZeroAlloc]
    public void NewArray(int length) => _sink = new int[length];

    [Test, ZeroAlloc(MaxBytesPerCall = 16)]
    public void OverBudget() => _sink = new byte[8];

    [Test, ZeroAlloc]
    public void FailingAssertion()
    {
        int answer = 42;
        Assert.That(answer, Is.EqualTo(41));
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

    [Test, ZeroAlloc, Ignore("skipped on purpose")]
    public void Ignored() => _sink = new object();

    [Test, ZeroAlloc]
    public void IgnoredInsideBody()
    {
        _sink = new object();
        Assert.Ignore("ignored from inside the body");
    }
}
