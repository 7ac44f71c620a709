namespace Meridian.Perf.TUnit.Fixture;

/// <summary>
/// The ways a test can be shaped that every adapter must measure or say why not (tests/Shared/TestEndingShapes.cs), with
/// [ZeroAlloc] on them. Static test methods are left out: TUnit rejects them at compile time (TUnit0048). Allocating
/// shapes allocate exactly 24 B per call (a boxed int).
/// </summary>
public sealed class TestEndings
{
    private static object? s_sink;

    [Test, ZeroAlloc]
    [Arguments(7)]
    public void GenericAllocates<T>(T value) => s_sink = value;

    [Test, ZeroAlloc]
    [Arguments("text")]
    public void GenericEmpty<T>(T value) => s_sink = value;

    [Test, ZeroAlloc]
    [Arguments(1)]
    public void OptionalParameterAllocates(int value, int other = 2) => s_sink = value + other;

    [Test, ZeroAlloc]
    [Arguments(1, 2, 3)]
    public void ParamsArrayEmpty(params int[] values)
    {
        if (values.Length != 3)
        {
            throw new InvalidOperationException("wrong arguments");
        }
    }

    [Test, ZeroAlloc]
    public async Task AwaitsTaskDelay() => await Task.Delay(1, TestContext.Current!.Execution.CancellationToken);

    [Test, ZeroAlloc(WarmupCalls = 0, Windows = int.MaxValue)]
    public void WindowsOutOfRange()
    {
    }

    // ~500 calls of ~1 ms each: the reported duration must include them.
    [Test, ZeroAlloc]
    public void MeasuringTimeIsInTheDuration() => Thread.Sleep(1);
}
