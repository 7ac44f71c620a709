namespace Meridian.Perf.TUnit.Tests;

/// <summary>The TUnit quick start, whose tests are the docs' snippet, builds and passes (it is not in the solution).</summary>
public sealed class QuickStartTests(QuickStartRun quickStart) : IClassFixture<QuickStartRun>
{
    [Fact]
    public void Every_quick_start_test_passes()
    {
        Assert.Equal(5, quickStart.Run.Results.Count);
        Assert.All(quickStart.Run.Results, ZeroAllocExpectations.Passed);
    }
}
