namespace Meridian.Perf.ResultsOverhead;

/// <summary>A test class whose test method [ZeroAlloc] would measure: its body allocates nothing.</summary>
public sealed class FakeTest
{
    /// <summary>The test body.</summary>
    public void Body() => BlackBox.Consume(42);
}
