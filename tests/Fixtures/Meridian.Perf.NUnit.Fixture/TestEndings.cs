using NUnit.Framework;

namespace Meridian.Perf.NUnit.Fixture;

/// <summary>
/// Every way NUnit can end or shape a test, with [ZeroAlloc] on it: each must be measured, or say why it was not
/// (tests/Shared/TestEndingShapes.cs holds the expectations every adapter shares). Allocating shapes allocate exactly
/// 24 B per call (a boxed int), so a measured one fails with that figure and an unmeasured one cannot pass silently.
/// </summary>
public class TestEndings
{
    private static object? s_sink;
    private readonly int _number = 42;

    [Test, ZeroAlloc]
    public static void StaticAllocates() => s_sink = 42;

    [Test, ZeroAlloc]
    public static void StaticEmpty()
    {
    }

    [TestCase(7), ZeroAlloc]
    public void GenericAllocates<T>(T value) => s_sink = value;

    [TestCase("text"), ZeroAlloc]
    public void GenericEmpty<T>(T value) => s_sink = value;

    [Test, ZeroAlloc]
    public void EndsWithPass()
    {
        using (Allocations.Region())
        {
            s_sink = _number;
        }

        Assert.Pass("passed on purpose");
    }

    [Test, ZeroAlloc]
    public void EndsWithPassAfterCleanRegion()
    {
        using (Allocations.Region())
        {
            _ = _number.GetHashCode();
        }

        Assert.Pass("passed on purpose");
    }

    [Test, ZeroAlloc]
    public void EndsWithPassUncounted() => Assert.Pass("passed on purpose");

    [Test, ZeroAlloc, Repeat(3)]
    public void RepeatedAllocates() => s_sink = _number;

    [Test, ZeroAlloc, Repeat(3)]
    public void RepeatedEmpty()
    {
    }

    [Test, ZeroAlloc, Retry(2)]
    public void RetriedAllocates() => s_sink = _number;

    [Test, ZeroAlloc, CancelAfter(60_000)]
    public void TokenParameterAllocates(CancellationToken token) => s_sink = token.IsCancellationRequested ? null : _number;

    [Test, ZeroAlloc, CancelAfter(60_000)]
    public void TokenParameterEmpty(CancellationToken token) => token.ThrowIfCancellationRequested();

    [TestCase(5), ZeroAlloc, CancelAfter(60_000)]
    public void TokenAfterArgumentEmpty(int value, CancellationToken token)
    {
        if (value != 5 || token.IsCancellationRequested)
        {
            throw new InvalidOperationException("wrong argument");
        }
    }

    // 100 ms runs out while the body is called again ~500 times for about 1 ms each: the body then takes its cancelled path.
    [Test, ZeroAlloc, CancelAfter(100)]
    public void CancelledWhileMeasured(CancellationToken token)
    {
        if (token.IsCancellationRequested)
        {
            return;
        }

        Thread.Sleep(1);
        s_sink = _number;
    }

    // The body takes ~1 ms and is called ~500 times more: only the test's own run may count against MaxTime.
    [Test, ZeroAlloc, MaxTime(250)]
    public void MaxTimeShorterThanMeasuring() => Thread.Sleep(1);

    [Test, ZeroAlloc]
    public void Warned()
    {
        s_sink = _number;
        Assert.Warn("warned on purpose");
    }

    [Test, ZeroAlloc]
    public void Inconclusive()
    {
        s_sink = _number;
        Assert.Inconclusive("inconclusive on purpose");
    }

    [TestCase(3, ExpectedResult = 6), ZeroAlloc]
    public int ExpectedResultAllocates(int value)
    {
        s_sink = value;
        return value * 2;
    }

    [TestCase(1), ZeroAlloc]
    public void OptionalParameterAllocates(int value, int other = 2) => s_sink = value + other;

    [TestCase(1, 2, 3), ZeroAlloc]
    public void ParamsArrayEmpty(params int[] values)
    {
        if (values.Length != 3)
        {
            throw new InvalidOperationException("wrong arguments");
        }
    }

    // ~500 calls of ~1 ms each: the reported duration must include them.
    [Test, ZeroAlloc]
    public void MeasuringTimeIsInTheDuration() => Thread.Sleep(1);

    [Test, ZeroAlloc]
    public async Task AwaitsTaskDelay() => await Task.Delay(1);

    [Test, ZeroAlloc(WarmupCalls = 0, Windows = int.MaxValue)]
    public void WindowsOutOfRange()
    {
    }
}

/// <summary>A generic fixture, closed by NUnit: its test method must be measured on the closed type.</summary>
/// <typeparam name="T">A value type, so that storing a default value boxes it (24 B for int).</typeparam>
[TestFixture(typeof(int))]
public class GenericFixtureEndings<T>
    where T : struct
{
    private static object? s_sink;

    [Test, ZeroAlloc]
    public void GenericFixtureAllocates() => s_sink = default(T);
}
