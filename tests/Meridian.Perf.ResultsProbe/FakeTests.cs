namespace Meridian.Perf.ResultsProbe;

/// <summary>Stands for a test class whose test an adapter measures through <c>TestBodyAllocations</c>.</summary>
public sealed class FakeTests
{
    /// <summary>A test body that allocates nothing.</summary>
    /// <param name="number">A theory argument.</param>
    /// <param name="text">Another.</param>
    public void Parses(int number, string text) => BlackBox.Consume(number + text.Length);
}
