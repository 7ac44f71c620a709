using Meridian.Perf;
using Meridian.Perf.Profiling;

namespace Meridian.Docs.Snippets;

/// <summary>The C# side of docs/rust-workflow.md, run as tests.</summary>
[Collection(nameof(ProfilingCollection))]
public sealed class RustWorkflowSnippets
{
    private static readonly int[] Values = Enumerable.Range(1, 1000).ToArray();
    private static object? s_sink;

    private static long Fibonacci(int n) => n < 2 ? n : Fibonacci(n - 1) + Fibonacci(n - 2);

    [Fact]
    public void Criterion()
    {
        #region rust-criterion
        BenchResult result = Bench.Run(static () => BlackBox.Consume(Fibonacci(BlackBox.Opaque(20))));
        Console.WriteLine(result);   // time: [low mean high], outliers, exact bytes per call
        #endregion

        Assert.Equal(0, result.AllocatedBytesPerOperation);
    }

    [Fact]
    public void Black_box()
    {
        #region rust-black-box
        int n = BlackBox.Opaque(20);          // the JIT cannot constant-fold what it cannot see
        long result = Fibonacci(n);
        BlackBox.Consume(result);             // nor delete a result that is consumed
        #endregion

        Assert.Equal(6765, result);
    }

    [Fact]
    public void Counting_allocator()
    {
        #region rust-counting-allocator
        var scope = AllocationScope.Begin();
        var squares = Values.Select(static v => v * v).ToArray();
        long bytes = scope.End();             // exact bytes this thread allocated in between
        Console.WriteLine(bytes);

        Allocations.AssertNone(static () => Values.AsSpan().IndexOf(500));   // the test form: warmed up, per call
        #endregion

        Assert.True(bytes >= (24 + (4 * 1000)));
        Assert.Equal(1000, squares.Length);
    }

    [Fact]
    public void Dhat()
    {
        #region rust-dhat
        AllocationProfile profile = AllocationProfiler.Profile(static () =>
        {
            for (int i = 0; i < 100_000; i++)
            {
                s_sink = new List<int>(capacity: 16);
            }
        });
        Console.WriteLine(profile);   // sites: est. bytes, share, est. objects, samples, type @ method
        #endregion

        Assert.True(profile.SampleCount > 0);
    }

    [Fact]
    public void Flamegraph()
    {
        string svg = Path.Combine(Path.GetTempPath(), $"meridian-docs-{Guid.NewGuid():N}.svg");

        #region rust-flamegraph
        CpuProfile profile = CpuProfiler.Profile(static () =>
        {
            for (int i = 0; i < 40; i++)
            {
                BlackBox.Consume(Fibonacci(BlackBox.Opaque(24)));
            }
        });
        profile.WriteFlamegraph(svg);
        #endregion

        Assert.True(File.Exists(svg));
        File.Delete(svg);
    }

    [Fact]
    public void Perf_stat()
    {
        #region rust-perf-stat
        Console.WriteLine(PerfStat.Measure(static () => BlackBox.Consume(Fibonacci(BlackBox.Opaque(25)))));
        #endregion
    }
}
