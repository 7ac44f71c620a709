namespace Meridian.Perf.BaselineBuildFixture;

/// <summary>Run with no baseline configured.</summary>
public class WithoutABaseline
{
    [Fact]
    public void Not_slower_is_inconclusive()
    {
        var result = PerfAssert.NotSlowerThanBaselineBuild(Bodies.Unchanged);

        Assert.False(result.Compared);
        Assert.Null(result.Timing);
    }

    [Fact]
    public void Not_slower_fails_when_inconclusive_fails() =>
        PerfAssert.NotSlowerThanBaselineBuild(Bodies.Unchanged, new CompareOptions { FailOnInconclusive = true });

    [Fact]
    public void Allocations_fail_when_inconclusive_fails() =>
        PerfAssert.AllocatesNoMoreThanBaselineBuild(Bodies.Allocating, new CompareOptions { FailOnInconclusive = true });
}
