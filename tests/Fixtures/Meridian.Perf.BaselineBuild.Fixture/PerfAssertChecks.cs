using Meridian.Perf.BaselineBuildLibrary;

namespace Meridian.Perf.BaselineBuildFixture;

/// <summary>
/// The checks as a user writes them, with no assertion of the test framework's own: this file is compiled into the
/// xunit v2, xunit v3 and NUnit fixtures alike (NUnit's through an alias of [Fact]). Run against version 1 of the
/// library; the current build is version 2.
/// </summary>
public class PerfAssertChecks
{
    private static readonly CompareOptions FailOnInconclusive = new() { FailOnInconclusive = true };

    [Fact]
    public void Unchanged_allocates_no_more() => PerfAssert.AllocatesNoMoreThanBaselineBuild(Bodies.Unchanged);

    [Fact]
    public void Allocating_allocates_no_more() => PerfAssert.AllocatesNoMoreThanBaselineBuild(Bodies.Allocating);

    [Fact]
    public void Regressed_is_not_slower() => PerfAssert.NotSlowerThanBaselineBuild(Bodies.Regressed);

    [Fact]
    public void NewInV2_is_inconclusive() => PerfAssert.NotSlowerThanBaselineBuild(Bodies.NewInV2);

    [Fact]
    public void NewInV2_fails_when_inconclusive_fails() => PerfAssert.NotSlowerThanBaselineBuild(Bodies.NewInV2, FailOnInconclusive);

    [Fact]
    public void Captured_state_is_refused()
    {
        long seed = Environment.TickCount64;
        PerfAssert.AllocatesNoMoreThanBaselineBuild(() => () => BlackBox.Consume(Work.Unchanged(seed)));
    }
}
