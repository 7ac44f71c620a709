using Meridian.Perf;
using Meridian.Perf.Runtime;

namespace Meridian.Docs.Snippets;

/// <summary>The snippets of docs/runtime-events.md, run as tests.</summary>
public sealed class RuntimeEventSnippets
{
    private static object? s_sink;

    [Fact]
    public void Record_a_window()
    {
        #region runtime-events-record
        var recorder = RuntimeEventRecorder.Start(RuntimeEvents.Gc | RuntimeEvents.AllocationSampling | RuntimeEvents.Exceptions);
        for (int i = 0; i < 100_000; i++)
        {
            s_sink = new byte[100];                     // 10.4 MB of byte[]: ~100 samples
        }

        GC.Collect(0);
        RuntimeEventReport report = recorder.Stop();    // waits until the window's last event has arrived

        Console.WriteLine(report.GcCountsByGeneration[0]);   // at least 1: the induced collection
        Console.WriteLine(report.EstimatedAllocatedBytes);   // ~12 400 000, an estimate
        Console.WriteLine(report);
        #endregion

        Assert.True(report.GcCount >= 1);
        Assert.True(report.GcCountsByReason.ContainsKey("Induced"));
        Assert.Equal(0, report.ExceptionCount);
        Assert.True(report.AllocationSamples > 0);
    }

    [Fact]
    public void Culprits_in_failures()
    {
        #region runtime-events-culprits
        var failure = Assert.Throws<AllocationAssertionException>(() => Allocations.AssertNone(42, static n => s_sink = n));
        Console.WriteLine(failure.Message);              // ... Likely sources (sampled): System.Int32 (boxed) ~24 B/call ...

        // Bound the re-run (default 1 s), or switch it off:
        var bounded = new AllocationOptions { CulpritSamplingTime = TimeSpan.FromMilliseconds(200) };
        var off = new AllocationOptions { NameCulprits = false };
        Console.WriteLine(failure.SampledAllocations);    // the RuntimeEventReport behind that line
        #endregion

        Assert.Contains("System.Int32 (boxed)", failure.Message);
        Assert.False(off.NameCulprits);
        Assert.NotNull(bounded);
    }
}
