using NUnit.Framework;

namespace Meridian.Perf.NUnit.Fixture;

/// <summary>Allocation-heavy tests that run in parallel with the [ZeroAlloc] ones: they must not change any verdict.</summary>
[Parallelizable(ParallelScope.All)]
public class ParallelNoiseTests
{
    private static object? s_sink;

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
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
