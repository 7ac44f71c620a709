using Meridian.Perf;

namespace Meridian.Docs.Snippets;

/// <summary>
/// The baseline-build snippet of docs/regression.md. This project declares no baseline build, so every check here is
/// inconclusive and passes with its how-to note; the checks with a baseline run in tests/Meridian.Perf.BaselineBuild.Tests.
/// </summary>
public sealed class BaselineBuildSnippets
{
    [Fact]
    public void Against_a_baseline_build()
    {
        #region regression-baseline-build
        // A body factory: builds its state and returns the code to time. It is called once in each build's context,
        // so each build makes its own state; it must not capture anything from the test.
        static Action ParseBody()
        {
            string input = "12345";
            return () => BlackBox.Consume(int.Parse(input));
        }

        PerfAssert.NotSlowerThanBaselineBuild(ParseBody);               // fails on Slower
        PerfAssert.FasterThanBaselineBuild(ParseBody, minimumSpeedup: 1.2);
        PerfAssert.AllocatesNoMoreThanBaselineBuild(ParseBody);         // exact bytes per call

        BaselineBuildComparison result = BaselineBuild.Compare(ParseBody);
        Console.WriteLine(result.Verdict);             // the timing verdict, as for Bench.Compare
        Console.WriteLine(result.ExtraBytesPerCall);   // exact: current build minus baseline build
        Console.WriteLine(result);                     // both reports, where the baseline came from, what was loaded from it
        #endregion

        // No baseline is configured here: every check above passed as inconclusive, with the how-to note on the console.
        Assert.False(result.Compared);
        Assert.StartsWith("no baseline build is configured for Meridian.Docs.Snippets", result.NotComparedReason, StringComparison.Ordinal);
    }
}
