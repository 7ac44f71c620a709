using MathNet.Numerics.Distributions;

namespace Meridian.Perf.Tests.BaselineBuilds;

/// <summary>
/// The mechanism in this process, with a copy of MathNet.Numerics (which this test assembly uses through core) as the
/// "baseline build": the body's second copy must load it from the baseline folder, as a different assembly from the
/// one the test uses, and the report must say it is the very same build. Different builds are compared through the
/// real runner in tests/Meridian.Perf.BaselineBuild.Tests.
/// </summary>
public sealed class InProcessBaselineTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("meridian-baseline-copy-").FullName;

    public InProcessBaselineTests()
    {
        string mathNet = typeof(Normal).Assembly.Location;
        File.Copy(mathNet, Path.Combine(_folder, Path.GetFileName(mathNet)));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void The_body_runs_against_the_copy_in_its_own_context_and_allocations_compare_exactly()
    {
        var baseline = LoadedBaseline.Load(typeof(InProcessBaselineTests).Assembly, BaselineBuildConfiguration.Of(new BaselineFolder("test folder", _folder)));

        var result = BaselineBuildRunner.Run(Bodies.Quantile, CompareOptions.Default, timing: false, allocations: true, baseline);

        Assert.True(result.Compared, result.ToString());
        Assert.Equal(result.BaselineBytesPerCall, result.CurrentBytesPerCall);
        Assert.Equal(0, result.ExtraBytesPerCall);
        string line = Assert.Single(result.Resolution, l => l.StartsWith("MathNet.Numerics ", StringComparison.Ordinal));
        Assert.Contains($"from the baseline build ({Path.Combine(_folder, "MathNet.Numerics.dll")}); the very same build as the current one (same module id)", line, StringComparison.Ordinal);
        var copy = Assert.Single(baseline.Context!.BaselineAssemblies);
        Assert.NotSame(typeof(Normal).Assembly, copy);
        Assert.Equal(typeof(Normal).Assembly.ManifestModule.ModuleVersionId, copy.ManifestModule.ModuleVersionId);
        // Both builds must run as the same kind of code: a collectible context compiles statics access differently.
        Assert.False(baseline.Context.IsCollectible);
    }

    [Fact]
    public void A_body_that_uses_nothing_from_the_baseline_folder_is_not_compared_rather_than_compared_with_itself()
    {
        var baseline = LoadedBaseline.Load(typeof(InProcessBaselineTests).Assembly, BaselineBuildConfiguration.Of(new BaselineFolder("test folder", _folder)));

        var result = BaselineBuildRunner.Run(Bodies.SquareRoot, CompareOptions.Default, timing: false, allocations: true, baseline);

        Assert.False(result.Compared);
        Assert.StartsWith("the body used none of the baseline build's assemblies (MathNet.Numerics), so both sides would run the current build.", result.NotComparedReason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_test_assembly_gets_its_baseline_once_and_only_the_first_check_reports_loading_it()
    {
        var first = LoadedBaseline.For(typeof(InProcessBaselineTests).Assembly, out _);
        var second = LoadedBaseline.For(typeof(InProcessBaselineTests).Assembly, out bool loadedNow);

        Assert.Same(first, second);
        Assert.False(loadedNow);
    }

    [Fact]
    public void A_folder_that_does_not_exist_is_not_compared_and_says_so()
    {
        var baseline = LoadedBaseline.Load(typeof(InProcessBaselineTests).Assembly, BaselineBuildConfiguration.Of(new BaselineFolder("test folder", _folder + "-missing")));

        var result = BaselineBuildRunner.Run(Bodies.Quantile, CompareOptions.Default, timing: true, allocations: false, baseline);

        Assert.False(result.Compared);
        Assert.Equal($"the baseline build cannot be used: test folder: the folder {_folder}-missing does not exist.", result.NotComparedReason);
        Assert.Null(result.Timing);
        Assert.Equal(Verdict.Inconclusive, result.Verdict);
    }

    [Fact]
    public void Timing_uses_the_interleaved_comparison_within_the_time_budget()
    {
        var baseline = LoadedBaseline.Load(typeof(InProcessBaselineTests).Assembly, BaselineBuildConfiguration.Of(new BaselineFolder("test folder", _folder)));
        var options = new CompareOptions { MaxTime = TimeSpan.FromSeconds(1), MaxRounds = 1 };

        var result = BaselineBuildRunner.Run(Bodies.Quantile, options, timing: true, allocations: false, baseline);

        var timing = Assert.IsType<Comparison>(result.Timing);
        Assert.Equal(options.Blocks, timing.Blocks);
        Assert.Contains("baseline = the baseline build, candidate = the current build", result.ToString(), StringComparison.Ordinal);
    }

    private static class Bodies
    {
        public static Action Quantile()
        {
            var normal = new Normal(1, 2);
            return () => BlackBox.Consume(normal.InverseCumulativeDistribution(0.975));
        }

        public static Action SquareRoot()
        {
            double x = 2;
            return () => BlackBox.Consume(Math.Sqrt(x));
        }
    }
}
