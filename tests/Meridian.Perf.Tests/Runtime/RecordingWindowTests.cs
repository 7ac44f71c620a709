using Meridian.Perf.Runtime;

namespace Meridian.Perf.Tests.Runtime;

/// <summary>
/// The window's rules on synthetic events with known answers. The GCAllocationTick fallback (net8.0) is checked this
/// way because it cannot be run live here: no .NET 8 runtime is installed, and .NET 10.0.12 stops raising
/// GCAllocationTick for the rest of the process once AllocationSampled has been enabled in it (measured), which other
/// tests in this process do.
/// </summary>
public sealed class RecordingWindowTests
{
    private const ulong RecordingThread = 100;
    private const ulong OtherThread = 200;

    [Fact]
    public void Tick_events_credit_their_whole_amount_to_the_type_that_crossed_the_threshold()
    {
        var window = OpenWindow(RuntimeEvents.AllocationSampling, RecordedThreads.CurrentThread, AllocationSampleSource.GCAllocationTick);
        Offer(window, Tick(11, "System.String", amount: 102_400, objectSize: 32));
        Offer(window, Tick(12, "System.String", amount: 102_400, objectSize: 32));
        Offer(window, Tick(13, "System.Byte[]", amount: 204_800, objectSize: 1_024));
        window.End(20);

        var report = window.BuildReport();

        Assert.Equal(AllocationSampleSource.GCAllocationTick, report.AllocationSource);
        Assert.Equal(3, report.AllocationSamples);
        Assert.Equal(409_600, report.EstimatedAllocatedBytes);
        var byteArrays = report.Allocations[0];
        Assert.Equal(("System.Byte[]", 204_800d, 200d, 0.5), (byteArrays.TypeName, byteArrays.EstimatedBytes, byteArrays.EstimatedObjects, byteArrays.Share));
        Assert.Equal(6_400, report.Allocations[1].EstimatedObjects);
        Assert.Contains("GCAllocationTick event(s), biased toward large objects", report.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_sampled_object_weighs_its_size_over_its_chance_of_being_sampled()
    {
        // q = 1 - (1 - 1/102400)^24, computed exactly with rational arithmetic (Python:
        // from fractions import Fraction as F; q = 1 - (1 - F(1, 102400))**24; float(1/q), float(24/q))
        // gives 1/q = 4267.14585 objects and 24/q = 102 411.50 B: a sample of a small object stands for ~100 KB.
        var (bytes, objects) = AllocationWeights.ForSampled(24);
        Assert.Equal(4_267.14585, objects, 1e-4);
        Assert.Equal(102_411.50047, bytes, 1e-3);

        // An object larger than 100 KB is almost always sampled, and then stands for itself.
        var (largeBytes, largeObjects) = AllocationWeights.ForSampled(10_000_000);
        Assert.Equal(1.0, largeObjects, 1e-9);
        Assert.Equal(10_000_000, largeBytes, 1e-2);
    }

    [Fact]
    public void Only_events_between_the_markers_count_and_thread_events_only_from_the_recording_thread()
    {
        var window = OpenWindow(RuntimeEvents.All, RecordedThreads.CurrentThread, AllocationSampleSource.AllocationSampled);
        Offer(window, new ObservedEvent(ObservedEventKind.Exception, 9, RecordingThread, "Early")); // stamped before the start marker
        Offer(window, new ObservedEvent(ObservedEventKind.Exception, 11, RecordingThread, "Mine"));
        Offer(window, new ObservedEvent(ObservedEventKind.Exception, 12, OtherThread, "Theirs"));
        Offer(window, new ObservedEvent(ObservedEventKind.GcStart, 13, OtherThread, "AllocSmall", 1)); // GCs are process-wide
        Offer(window, new ObservedEvent(ObservedEventKind.GcSuspendBegin, 14, OtherThread));
        Offer(window, new ObservedEvent(ObservedEventKind.GcRestartEnd, 44, OtherThread));
        Offer(window, new ObservedEvent(ObservedEventKind.ContentionStart, 45, RecordingThread));
        Offer(window, new ObservedEvent(ObservedEventKind.ContentionStop, 46, RecordingThread, Value: 5_000));
        window.End(50);
        Offer(window, new ObservedEvent(ObservedEventKind.Exception, 51, RecordingThread, "Late"));

        var report = window.BuildReport();

        Assert.Equal(new Dictionary<string, int> { ["Mine"] = 1 }, report.ExceptionsByType);
        Assert.Equal(new[] { 0, 1, 0 }, report.GcCountsByGeneration);
        Assert.Equal(TimeSpan.FromTicks(30), report.GcPauseTotal);
        Assert.Equal(TimeSpan.FromTicks(30), report.GcPauseMax);
        Assert.Equal(1, report.LockContentions);
        Assert.Equal(TimeSpan.FromTicks(50), report.LockContentionWait);
        Assert.Equal(TimeSpan.FromTicks(40), report.Duration);
    }

    private static RecordingWindow OpenWindow(RuntimeEvents events, RecordedThreads threads, AllocationSampleSource source)
    {
        var window = new RecordingWindow(1, events, threads, source);
        window.Begin(10, RecordingThread);
        return window;
    }

    private static void Offer(RecordingWindow window, ObservedEvent observed) => window.Offer(observed);

    private static ObservedEvent Tick(long ticks, string type, long amount, long objectSize)
    {
        var (bytes, objects) = AllocationWeights.ForTick(amount, objectSize);
        return new ObservedEvent(ObservedEventKind.Allocation, ticks, RecordingThread, type, 0, bytes, objects);
    }
}
