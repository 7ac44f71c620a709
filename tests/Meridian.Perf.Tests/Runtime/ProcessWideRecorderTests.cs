using Meridian.Perf.Runtime;

namespace Meridian.Perf.Tests.Runtime;

/// <summary>
/// Recorder tests whose figures are process-wide (GCs) or that check the shared listener's reference count: they run
/// alone, so no other test's collections or recorders land in their windows.
/// </summary>
[Collection(nameof(NotParallel))]
public sealed class ProcessWideRecorderTests
{
    private static object? s_sink;

    [Fact]
    public void Gc_counts_equal_the_collection_count_deltas_of_the_window()
    {
        using var recorder = RuntimeEventRecorder.Start(RuntimeEvents.Gc);
        int gen0Before = GC.CollectionCount(0);
        int gen1Before = GC.CollectionCount(1);
        int gen2Before = GC.CollectionCount(2);
        GC.Collect(0);
        GC.Collect(1);
        GC.Collect(2);
        for (int i = 0; i < 2_000_000; i++)
        {
            s_sink = new byte[64];
        }

        GC.Collect(0);
        int gen0Delta = GC.CollectionCount(0) - gen0Before;
        int gen1Delta = GC.CollectionCount(1) - gen1Before;
        int gen2Delta = GC.CollectionCount(2) - gen2Before;
        var report = recorder.Stop();

        // GC.CollectionCount(n) counts collections of generation n or higher; the report counts each GC once, under its generation.
        Assert.Equal(gen0Delta, report.GcCount);
        Assert.Equal(gen1Delta, report.GcCountsByGeneration[1] + report.GcCountsByGeneration[2]);
        Assert.Equal(gen2Delta, report.GcCountsByGeneration[2]);
        Assert.True(report.GcCountsByReason.GetValueOrDefault("Induced") >= 4, report.ToString());
        Assert.True(report.GcPauseTotal > TimeSpan.Zero && report.GcPauseMax <= report.GcPauseTotal, report.ToString());
    }

    [Fact]
    public void Disposing_one_recorder_does_not_disturb_another_and_the_last_switches_the_events_off()
    {
        Assert.Equal(0, RuntimeEventHub.Users);
        using var kept = RuntimeEventRecorder.Start(RuntimeEvents.Exceptions);
        var abandoned = RuntimeEventRecorder.Start(RuntimeEvents.Exceptions);
        var stopped = RuntimeEventRecorder.Start(RuntimeEvents.Exceptions);
        Assert.Equal(3, RuntimeEventHub.Users);

        abandoned.Dispose();
        stopped.Stop();
        ThrowAndCatch();
        var report = kept.Stop();

        Assert.Equal(1, report.ExceptionsByType.GetValueOrDefault(typeof(InvalidOperationException).FullName!));
        Assert.Equal(0, RuntimeEventHub.Users);
        Assert.False(RuntimeEventHub.EventsEnabled);
    }

    [Fact]
    public void All_threads_mode_sees_work_on_other_threads()
    {
        var recorder = RuntimeEventRecorder.Start(RuntimeEvents.Exceptions, RecordedThreads.AllThreads);
        var worker = new Thread(ThrowAndCatch);
        worker.Start();
        worker.Join();
        var report = recorder.Stop();

        Assert.Equal(1, report.ExceptionsByType.GetValueOrDefault(typeof(InvalidOperationException).FullName!));
        Assert.Contains("(all threads)", report.ToString(), StringComparison.Ordinal);
    }

    private static void ThrowAndCatch()
    {
        try
        {
            throw new InvalidOperationException("counted");
        }
        catch (InvalidOperationException)
        {
        }
    }
}
