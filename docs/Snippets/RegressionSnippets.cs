using System.Runtime.CompilerServices;
using Meridian.Perf;

namespace Meridian.Docs.Snippets;

/// <summary>
/// The snippets of docs/regression.md. Timing on a shared machine is noisy, so these tests assert nothing about the
/// verdicts of comparisons with small effects; the assertions they make hold on any machine, and the PerfAssert calls
/// compare bodies whose difference is a factor of two.
/// </summary>
public sealed class RegressionSnippets
{
    private static readonly string BaselineFolder = Directory.CreateTempSubdirectory("meridian-docs-baselines-").FullName;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static long Chain(int steps)
    {
        long hash = 17;
        for (int i = 0; i < steps; i++)
        {
            hash = (hash * 31) + i;
        }

        return hash;
    }

    private static long OldHash() => Chain(2000);

    private static long NewHash() => Chain(1000);

    [Fact]
    public void Run()
    {
        #region regression-bench-run
        BenchResult result = Bench.Run(static () => BlackBox.Consume(Chain(1000)));
        Console.WriteLine(result.MedianNanoseconds);           // time per call, harness overhead subtracted
        Console.WriteLine(result.AllocatedBytesPerOperation);  // 0: exact bytes per call on this thread
        Console.WriteLine(result);                             // criterion-style report
        #endregion

        Assert.Equal(0, result.AllocatedBytesPerOperation);
        Assert.True(result.Samples >= 5);
    }

    [Fact]
    public void Compare()
    {
        #region regression-compare
        var options = new CompareOptions { MaxTime = TimeSpan.FromSeconds(1) };   // default 3 s
        Comparison comparison = Bench.Compare(
            baseline: static () => BlackBox.Consume(OldHash()),
            candidate: static () => BlackBox.Consume(NewHash()),
            options);

        Console.WriteLine(comparison.Verdict);       // Faster, Slower, NoChange or Inconclusive
        Console.WriteLine(comparison.Change);        // -0.5: the candidate takes half the time
        Console.WriteLine(comparison.ChangeInterval);
        Console.WriteLine(comparison);               // the full report, as in the failure below
        #endregion

        Assert.NotEqual(Verdict.Slower, comparison.Verdict);
    }

    [Fact]
    public void Asserts()
    {
        #region regression-perfassert
        var quick = new CompareOptions { MaxTime = TimeSpan.FromSeconds(1) };
        PerfAssert.NotSlower(static () => BlackBox.Consume(OldHash()), static () => BlackBox.Consume(NewHash()), quick);
        PerfAssert.Faster(static () => BlackBox.Consume(OldHash()), static () => BlackBox.Consume(NewHash()), minimumSpeedup: 1.5, quick);
        #endregion
    }

    [Fact]
    public void Stored_baseline()
    {
        #region regression-baseline
        // The first run records RegressionSnippets.chain-1000.perf.json in the folder; later runs compare with it.
        var options = new BaselineOptions { Directory = BaselineFolder };
        BaselineCheck check = PerfAssert.NoRegression("chain-1000", static () => BlackBox.Consume(Chain(1000)), options);
        Console.WriteLine(check.Outcome);             // Recorded, Accepted, Compared, MachineMismatch or NotRecorded
        Console.WriteLine(check.Note);
        #endregion

        Assert.True(check.Outcome is BaselineOutcome.Recorded or BaselineOutcome.Accepted or BaselineOutcome.Compared);
        Assert.True(File.Exists(check.FilePath));
    }

    [Fact]
    public void Scaling()
    {
        #region regression-scaling
        int[] data = Enumerable.Range(0, 8000).ToArray();
        ScalingResult scaling = Bench.Scaling([1000, 2000, 4000, 8000], n => BlackBox.Consume(data.AsSpan(0, n).IndexOf(-1)));
        Console.WriteLine(scaling);                          // medians per size and time ∝ n^k [low high]
        Console.WriteLine(scaling.GrowsAtMost(exponent: 1)); // false only when the whole interval of k lies above 1.2

        // As an assertion: PerfAssert.GrowsAtMost(1, sizes, body) throws when the body grows faster.
        #endregion

        Assert.Equal(4, scaling.Samples.Count);
    }
}
