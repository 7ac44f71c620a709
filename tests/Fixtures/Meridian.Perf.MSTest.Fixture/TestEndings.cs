namespace Meridian.Perf.MSTest.Fixture;

/// <summary>
/// The ways a test can be shaped that every adapter must measure or say why not (tests/Shared/TestEndingShapes.cs), with
/// [ZeroAllocTestMethod] on them. Static test methods are left out: MSTest does not run them (a test method must be an
/// instance method). Allocating shapes allocate exactly 24 B per call (a boxed int).
/// </summary>
[TestClass]
public sealed class TestEndings
{
    private static object? s_sink;

    [ZeroAllocTestMethod]
    [DataRow(7)]
    public void GenericAllocates<T>(T value) => s_sink = value;

    [ZeroAllocTestMethod]
    [DataRow("text")]
    public void GenericEmpty<T>(T value) => s_sink = value;

    [ZeroAllocTestMethod]
    [DataRow(1)]
    public void OptionalParameterAllocates(int value, int other = 2) => s_sink = value + other;

    [ZeroAllocTestMethod]
    [DataRow(1, 2, 3)]
    public void ParamsArrayEmpty(params int[] values)
    {
        if (values.Length != 3)
        {
            throw new InvalidOperationException("wrong arguments");
        }
    }

    [ZeroAllocTestMethod]
    public async Task AwaitsTaskDelay() => await Task.Delay(1);

    [ZeroAllocTestMethod(WarmupCalls = 0, Windows = int.MaxValue)]
    public void WindowsOutOfRange()
    {
    }

    // ~500 calls of ~1 ms each: the reported duration must include them.
    [ZeroAllocTestMethod]
    public void MeasuringTimeIsInTheDuration() => Thread.Sleep(1);
}
