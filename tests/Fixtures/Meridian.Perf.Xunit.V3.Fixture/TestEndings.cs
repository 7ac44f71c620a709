namespace Meridian.Perf.Xunit.V3.Fixture;

/// <summary>
/// Every way xunit v3 can end or shape a test, with [ZeroAlloc] on it: each must be measured, or say why it was not
/// (tests/Shared/TestEndingShapes.cs holds the expectations every adapter shares). Allocating shapes allocate exactly
/// 24 B per call (a boxed int), so a measured one fails with that figure and an unmeasured one cannot pass silently.
/// </summary>
public class TestEndings
{
    private static object? s_sink;
    private readonly int _number = 42;

    [Fact, ZeroAlloc]
    public static void StaticAllocates() => s_sink = 42;

    [Fact, ZeroAlloc]
    public static void StaticEmpty()
    {
    }

    [Theory, ZeroAlloc]
    [InlineData(7)]
    public void GenericAllocates<T>(T value) => s_sink = value;

    [Theory, ZeroAlloc]
    [InlineData("text")]
    public void GenericEmpty<T>(T value) => s_sink = value;

    [Theory, ZeroAlloc]
    [InlineData(1)]
    public void OptionalParameterAllocates(int value, int other = 2) => s_sink = value + other;

    [Theory, ZeroAlloc]
    [InlineData(1, 2, 3)]
    public void ParamsArrayEmpty(params int[] values)
    {
        if (values.Length != 3)
        {
            throw new InvalidOperationException("wrong arguments");
        }
    }

    [Fact, ZeroAlloc]
    public async Task AwaitsTaskDelay() => await Task.Delay(1, TestContext.Current.CancellationToken);

    [Fact, ZeroAlloc(WarmupCalls = 0, Windows = int.MaxValue)]
    public void WindowsOutOfRange()
    {
    }

    // ~500 calls of ~1 ms each: the reported duration must include them.
    [Fact, ZeroAlloc]
    public void MeasuringTimeIsInTheDuration() => Thread.Sleep(1);

    // The timeout covers the test's own run, not the ~500 re-calls that measure it.
    [Fact(Timeout = 250), ZeroAlloc]
    public Task TimeoutShorterThanMeasuring()
    {
        TestContext.Current.CancellationToken.ThrowIfCancellationRequested();
        Thread.Sleep(1);
        return Task.CompletedTask;
    }

    [Fact(SkipExceptions = [typeof(NotSupportedException)]), ZeroAlloc]
    public void SkippedByExceptionType()
    {
        s_sink = _number;
        throw new NotSupportedException("skipped by its exception type");
    }

    [Fact, ZeroAlloc]
    public async Task UsesTheTestCancellationToken() => await Task.Delay(0, TestContext.Current.CancellationToken);
}
