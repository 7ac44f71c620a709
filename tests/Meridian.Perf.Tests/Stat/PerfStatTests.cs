using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Meridian.Perf.Tests.Stat;

// Diagnoses read process-wide GC pauses and the thread's blocked time: tests running beside them in this process
// (forced collections, allocation-heavy loops) would legitimately change the verdict, so they run alone.
[Collection(nameof(NotParallel))]
public sealed class PerfStatTests
{
    [Fact]
    public void Touching_fresh_pages_counts_one_page_fault_each()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.False(PerfStat.Measure(() => { })[PerfCounter.PageFaults].IsSupported);
            return;
        }

        const int Pages = 2_000;
        using var memory = new NativeMemoryPages(Pages);

        var report = PerfStat.Measure(memory, static pages => pages.TouchEveryPage());

        var faults = report[PerfCounter.PageFaults].Value;
        Assert.NotNull(faults);

        // Each first write to an untouched anonymous 4 KiB page faults once; the runtime may add a few of its own.
        Assert.True(faults >= Pages * 0.95 && faults <= (Pages * 1.1) + 20, $"Touched {Pages} fresh pages, counted {faults} page faults:\n{report}");
    }

    [Fact]
    public void A_sleeping_body_is_diagnosed_as_blocked()
    {
        var report = PerfStat.Measure(() => Thread.Sleep(150));

        Assert.True(report.Diagnosis.Bottleneck == PerfBottleneck.Blocked, $"Expected Blocked for Thread.Sleep(150):\n{report}");
        Assert.Contains("blocked", report.Diagnosis.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_tight_arithmetic_loop_is_diagnosed_as_cpu_bound()
    {
        var report = PerfStat.Measure(() => BlackBox.Consume(Spin(TimeSpan.FromMilliseconds(150))));

        // Without hardware counters (this VM) the verdict is CpuBound; with them, a loop of multiplies is compute-bound.
        Assert.True(
            report.Diagnosis.Bottleneck is PerfBottleneck.CpuBound or PerfBottleneck.ComputeBound,
            $"Expected CPU-bound for an arithmetic loop:\n{report}");
        Assert.True(report.CpuTime > TimeSpan.FromMilliseconds(20), $"An arithmetic loop of 150 ms wall should get CPU time:\n{report}");
    }

    [Fact]
    public void Hardware_counters_are_reported_as_the_machine_really_has_them()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.False(PerfStat.Measure(() => { })[PerfCounter.Cycles].IsSupported);
            return;
        }

        var errno = HardwareCounterProbe.CyclesErrno();

        var report = PerfStat.Measure(() => BlackBox.Consume(Spin(TimeSpan.FromMilliseconds(5))));
        var cycles = report[PerfCounter.Cycles];

        if (errno == 0)
        {
            Assert.True(cycles.IsSupported, $"The kernel opened a cycles counter, but the report has none:\n{report}");
        }
        else
        {
            Assert.False(cycles.IsSupported);
            Assert.Null(cycles.Value);
            Assert.Matches(@"<not supported>\s+cycles", report.ToString());
            Assert.All(
                new[] { PerfCounter.Instructions, PerfCounter.CacheReferences, PerfCounter.CacheMisses, PerfCounter.Branches, PerfCounter.BranchMisses },
                counter => Assert.Equal(errno == 2, !report[counter].IsSupported));
        }
    }

    [Fact]
    public void Software_counters_and_elapsed_time_print_like_perf_stat()
    {
        var report = PerfStat.Measure(() => BlackBox.Consume(Spin(TimeSpan.FromMilliseconds(20))));
        var text = report.ToString();

        Assert.Matches(@"[\d,]+\.\d\d msec task-clock\s+# \d\.\d{3} CPUs utilized", text);
        Assert.Contains("context-switches", text, StringComparison.Ordinal);
        Assert.Contains("seconds time elapsed", text, StringComparison.Ordinal);
        Assert.Contains("Diagnosis: ", text, StringComparison.Ordinal);
        if (OperatingSystem.IsLinux())
        {
            Assert.True(report[PerfCounter.TaskClock].IsSupported);
            Assert.True(report[PerfCounter.ContextSwitches].IsSupported);
            Assert.NotNull(report.Scheduler);
        }
    }

    [Fact]
    public void Measuring_adds_no_allocation_to_the_body()
    {
        PerfStat.Measure(0, static _ => { });

        var report = PerfStat.Measure(0, static _ => { });

        Assert.Equal(0, report.Runtime.ThreadAllocatedBytes);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static double Spin(TimeSpan duration)
    {
        var clock = Stopwatch.StartNew();
        double value = 1;
        while (clock.Elapsed < duration)
        {
            for (var i = 0; i < 10_000; i++)
            {
                value = (value * 1.0000001) + 0.5;
            }
        }

        return value;
    }
}
