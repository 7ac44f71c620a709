// Uses a method that only version 2 of the library has: against version 1, the check is inconclusive and names it.
using Meridian.Perf;

namespace Sample.Parsing.Tests;

public class NewApiTests
{
    [Fact]
    public void NewInV2_against_a_baseline_without_it() => Recorded.Check("NewInV2", () => PerfAssert.NotSlowerThanBaselineBuild(NewInV2Body));

    private static Action NewInV2Body()
    {
        long seed = Environment.TickCount64;
        return () => BlackBox.Consume(Workloads.NewInV2(seed));
    }
}
