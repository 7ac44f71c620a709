using Meridian.Perf.Results;

namespace Meridian.Perf.Tests.Results;

/// <summary>
/// With results off (this test process, unless the suite itself runs with MERIDIAN_PERF_RESULTS), every hook the
/// library calls at the point a result is produced allocates nothing.
/// </summary>
public sealed class ResultsSinkOffTests
{
    private static readonly AllocationOptions Quick = new() { WarmupCalls = 2, Windows = 2, CallsPerWindow = 10, NameCulprits = false };

    [Fact]
    public void The_hooks_allocate_nothing_when_results_are_off()
    {
        var report = Allocations.Measure(static () => { }, Quick);
        var run = Bench.Run(static () => BlackBox.Consume(42), new BenchOptions { Samples = 5, BatchTime = TimeSpan.FromMilliseconds(1), WarmupQuietPeriod = TimeSpan.FromMilliseconds(10), MaxWarmupTime = TimeSpan.FromMilliseconds(200) });
        var method = typeof(ResultsSinkOffTests).GetMethod(nameof(The_hooks_allocate_nothing_when_results_are_off))!;
        var hooks = (report, run, method);

        if (PerfResults.IsRecording)
        {
            // The suite runs with results on: the same hooks must then write (checked by the file growing).
            long before = new FileInfo(PerfResults.FilePath!).Length;
            ResultsSink.Recorded(report, 0);
            Assert.True(new FileInfo(PerfResults.FilePath!).Length > before);
            return;
        }

        var measured = Allocations.Measure(
            hooks,
            static h =>
            {
                ResultsSink.Recorded(h.report, 0);
                ResultsSink.Recorded(h.run);
                ResultsSink.Failed(null);
                using (ResultsSink.BeginBaselineCheck("key"))
                {
                }

                using (ResultsSink.BeginZeroAllocTest(h.method, null))
                {
                }
            },
            Quick);

        Assert.Equal(0, measured.BytesPerCall);
        Assert.Null(PerfResults.FilePath);
    }
}
