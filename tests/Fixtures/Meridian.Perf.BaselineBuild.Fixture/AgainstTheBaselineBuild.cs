namespace Meridian.Perf.BaselineBuildFixture;

/// <summary>Checks that read the results (xunit v2 only). Run against version 1 of the library; the current build is version 2.</summary>
public class AgainstTheBaselineBuild
{
    [Fact]
    public void Allocating_costs_exactly_24_bytes_more()
    {
        var result = BaselineBuild.CompareAllocations(Bodies.Allocating);

        Assert.Equal(32, result.BaselineBytesPerCall);
        Assert.Equal(56, result.CurrentBytesPerCall);
        Assert.Equal(24, result.ExtraBytesPerCall);
    }

    [Fact]
    public void Regressed_is_reported_slower()
    {
        var result = BaselineBuild.Compare(Bodies.Regressed);

        // Four times the work: Slower, unless the machine is too busy to tell (never Faster or NoChange). An
        // inconclusive estimate under load may be anything; a Slower one must be about the right size.
        Assert.True(result.Verdict is Verdict.Slower or Verdict.Inconclusive, result.ToString());
        if (result.Verdict == Verdict.Slower)
        {
            Assert.True(result.Timing!.Change > 1, result.ToString());
        }
    }

    [Fact]
    public void The_baseline_build_is_resolved_from_its_folder()
    {
        var first = BaselineBuild.CompareAllocations(Bodies.Unchanged);
        var second = BaselineBuild.CompareAllocations(Bodies.Unchanged);

        Assert.True(first.Compared, first.ToString());
        Assert.Contains(first.Resolution, line => line.StartsWith("Meridian.Perf.BaselineBuild.Library 1.0.0.0 from the baseline build", StringComparison.Ordinal) && line.Contains("the current build uses 2.0.0.0", StringComparison.Ordinal));
        Assert.Equal(TimeSpan.Zero, second.ContextLoadTime);
        Assert.Contains("folder from MERIDIAN_PERF_BASELINE_DIRECTORY", first.Baseline, StringComparison.Ordinal);
    }
}
