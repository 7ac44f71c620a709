namespace Meridian.Perf.Xunit.Fixture;

/// <summary>Allocation-heavy tests in their own collection, run in parallel with the [ZeroAlloc] ones by xunit's default parallelism.</summary>
public class ParallelNoiseTests
{
    private static object? s_sink;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void AllocatesHeavily(int seed)
    {
        var until = DateTime.UtcNow.AddMilliseconds(300);
        while (DateTime.UtcNow < until)
        {
            for (int i = 0; i < 1000; i++)
            {
                s_sink = new byte[(seed * 997 + i) % 4096];
            }
        }
    }
}
