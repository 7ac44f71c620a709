using Meridian.Perf.Runtime;

namespace Meridian.Perf.Tests.Runtime;

/// <summary>Recorder tests that filter by thread, so other tests running in parallel cannot disturb them.</summary>
public sealed class RuntimeEventRecorderTests
{
    // Enough bytes for ~100 expected samples: the chance that a type allocated this much gets no sample is e^-100.
    private const long HundredSamplesOfBytes = 100 * 102_400;

    private static object? s_sink;
    private static readonly string s_left = "left-";
    private static readonly string s_right = "right";

    [Fact]
    public void Three_types_in_known_proportions_get_their_shares_within_15_percent()
    {
        // Exact bytes per allocation, measured, not assumed from object layout.
        long small = ExactBytes(static () => s_sink = new SmallNode());
        long medium = ExactBytes(static () => s_sink = new MediumNode());
        long array = ExactBytes(static () => s_sink = new int[42]);
        double perIteration = (4 * small) + (2 * medium) + array;
        var exactShare = new Dictionary<string, double>
        {
            [typeof(SmallNode).FullName!] = 4 * small / perIteration,
            [typeof(MediumNode).FullName!] = 2 * medium / perIteration,
            ["System.Int32[]"] = array / perIteration,
        };

        // Sample count: each byte is sampled with p = 1/102 400, so allocating B bytes gives N ≈ B/102 400 samples
        // (Poisson), and given N the samples fall on the types as a multinomial draw with the exact shares s. The
        // estimated share then has standard deviation √(s(1−s)/N); relative to s that is √((1−s)/(sN)). With the
        // smallest share here, s = 1/4, and N = 4 000 it is √(0.75/1000) = 2.74 %, so ±15 % is 5.5 σ: a false failure
        // about once in 2.6·10^7 runs (two-sided normal tail), for the s = 1/2 type 9.5 σ. Per-sample weights differ
        // between 24 B and 192 B objects by < 0.1 %, far inside that margin.
        const long targetSamples = 4_000;
        using var recorder = RuntimeEventRecorder.Start(RuntimeEvents.AllocationSampling);
        long start = GC.GetAllocatedBytesForCurrentThread();
        while (GC.GetAllocatedBytesForCurrentThread() - start < targetSamples * 102_400)
        {
            for (int i = 0; i < 1_000; i++)
            {
                s_sink = new SmallNode();
                s_sink = new SmallNode();
                s_sink = new MediumNode();
                s_sink = new SmallNode();
                s_sink = new int[42];
                s_sink = new SmallNode();
                s_sink = new MediumNode();
            }
        }

        var report = recorder.Stop();

        Assert.Equal(RuntimeEventRecorder.AllocationSource, report.AllocationSource);
        Assert.InRange(report.AllocationSamples, 3_000, 5_500);
        foreach (var (type, share) in exactShare)
        {
            var estimate = Assert.Single(report.Allocations, a => a.TypeName == type);
            Assert.InRange(estimate.Share, share * 0.85, share * 1.15);
        }
    }

    [Fact]
    public void A_boxed_int_is_reported_as_System_Int32()
    {
        using var recorder = RuntimeEventRecorder.Start(RuntimeEvents.AllocationSampling);
        AllocateAtLeast(HundredSamplesOfBytes, static i => s_sink = i);
        var report = recorder.Stop();

        Assert.Equal("System.Int32", report.Allocations[0].TypeName);
        Assert.True(report.Allocations[0].Share > 0.9, report.ToString());
    }

    [Fact]
    public void A_string_concat_is_reported_as_System_String()
    {
        using var recorder = RuntimeEventRecorder.Start(RuntimeEvents.AllocationSampling);
        AllocateAtLeast(HundredSamplesOfBytes, static _ => s_sink = s_left + s_right);
        var report = recorder.Stop();

        Assert.Equal("System.String", report.Allocations[0].TypeName);
        Assert.True(report.Allocations[0].Share > 0.9, report.ToString());
    }

    [Fact]
    public void Events_raised_before_start_or_after_stop_are_not_in_the_report()
    {
        // The outer recorder spans everything: it proves the before/after events were raised and delivered.
        using var outer = RuntimeEventRecorder.Start(RuntimeEvents.Exceptions | RuntimeEvents.AllocationSampling);
        Throw<BeforeException>();
        AllocateAtLeast(HundredSamplesOfBytes, static _ => s_sink = new BeforeNode());

        var inner = RuntimeEventRecorder.Start(RuntimeEvents.Exceptions | RuntimeEvents.AllocationSampling);
        Throw<DuringException>();
        AllocateAtLeast(HundredSamplesOfBytes, static _ => s_sink = new DuringNode());
        var innerReport = inner.Stop();

        Throw<AfterException>();
        AllocateAtLeast(HundredSamplesOfBytes, static _ => s_sink = new AfterNode());
        var outerReport = outer.Stop();

        Assert.Equal(1, outerReport.ExceptionsByType.GetValueOrDefault(typeof(BeforeException).FullName!));
        Assert.Equal(1, outerReport.ExceptionsByType.GetValueOrDefault(typeof(AfterException).FullName!));
        Assert.Contains(outerReport.Allocations, a => a.TypeName == typeof(BeforeNode).FullName);
        Assert.Contains(outerReport.Allocations, a => a.TypeName == typeof(AfterNode).FullName);

        Assert.Equal(new Dictionary<string, int> { [typeof(DuringException).FullName!] = 1 }, innerReport.ExceptionsByType);
        Assert.Contains(innerReport.Allocations, a => a.TypeName == typeof(DuringNode).FullName);
        Assert.DoesNotContain(innerReport.Allocations, a => a.TypeName == typeof(BeforeNode).FullName || a.TypeName == typeof(AfterNode).FullName);
    }

    [Fact]
    public void Overlapping_recorders_on_different_threads_each_get_their_own_events()
    {
        using var bothStarted = new Barrier(2);
        using var bothWorked = new Barrier(2);
        RuntimeEventReport? first = null;
        RuntimeEventReport? second = null;
        var threads = new[]
        {
            new Thread(() => first = RecordOwnWork<BeforeException, BeforeNode>(bothStarted, bothWorked)),
            new Thread(() => second = RecordOwnWork<AfterException, AfterNode>(bothStarted, bothWorked)),
        };
        foreach (var thread in threads)
        {
            thread.Start();
        }

        foreach (var thread in threads)
        {
            thread.Join();
        }

        Assert.Equal(new Dictionary<string, int> { [typeof(BeforeException).FullName!] = 1 }, first!.ExceptionsByType);
        Assert.Equal(new Dictionary<string, int> { [typeof(AfterException).FullName!] = 1 }, second!.ExceptionsByType);
        Assert.Contains(first.Allocations, a => a.TypeName == typeof(BeforeNode).FullName);
        Assert.DoesNotContain(first.Allocations, a => a.TypeName == typeof(AfterNode).FullName);
        Assert.Contains(second.Allocations, a => a.TypeName == typeof(AfterNode).FullName);
        Assert.DoesNotContain(second.Allocations, a => a.TypeName == typeof(BeforeNode).FullName);
    }

    [Fact]
    public void A_contended_lock_is_counted_on_the_waiting_thread()
    {
        var gate = new object();
        using var recorder = RuntimeEventRecorder.Start(RuntimeEvents.LockContention);
        ContendedLock.EnterWhileHeld(gate, TimeSpan.FromMilliseconds(100));
        var report = recorder.Stop();

        Assert.Equal(1, report.LockContentions);
        Assert.True(report.LockContentionWait > TimeSpan.FromMilliseconds(10), report.ToString());
    }

    [Fact]
    public void The_report_reads_as_text()
    {
        using var recorder = RuntimeEventRecorder.Start(RuntimeEvents.All);
        Throw<DuringException>();
        AllocateAtLeast(HundredSamplesOfBytes, static i => s_sink = i);
        var report = recorder.Stop();

        string text = report.ToString();
        Assert.Contains("(recording thread only; GCs are process-wide)", text, StringComparison.Ordinal);
        Assert.Contains($"Exceptions: 1 ({typeof(DuringException).FullName} 1).", text, StringComparison.Ordinal);
        // .NET 10 samples with AllocationSampled; .NET 8 (tests/Meridian.Perf.Net8.Tests) falls back to GCAllocationTick.
        string source = report.AllocationSource == AllocationSampleSource.AllocationSampled
            ? "AllocationSampled event(s), unbiased per type"
            : "GCAllocationTick event(s), biased toward large objects";
        Assert.Equal(Environment.Version.Major >= 10 ? AllocationSampleSource.AllocationSampled : AllocationSampleSource.GCAllocationTick, report.AllocationSource);
        Assert.Contains($"Allocations (estimates from {report.AllocationSamples} {source})", text, StringComparison.Ordinal);
        Assert.Matches(@"\n  System\.Int32 +~\d+ B +~\d+ objects +\d+\.\d % +\(\d+ samples\)", text);
    }

    [Fact]
    public void Stopping_twice_is_refused()
    {
        var recorder = RuntimeEventRecorder.Start(RuntimeEvents.Gc);
        recorder.Stop();

        Assert.Throws<InvalidOperationException>(() => recorder.Stop());
        recorder.Dispose();
    }

    private static RuntimeEventReport RecordOwnWork<TException, TNode>(Barrier bothStarted, Barrier bothWorked)
        where TException : Exception, new()
        where TNode : new()
    {
        using var recorder = RuntimeEventRecorder.Start(RuntimeEvents.Exceptions | RuntimeEvents.AllocationSampling);
        bothStarted.SignalAndWait();
        Throw<TException>();
        AllocateAtLeast(HundredSamplesOfBytes, static _ => s_sink = new TNode());
        bothWorked.SignalAndWait();
        return recorder.Stop();
    }

    private static long ExactBytes(Action allocate)
    {
        allocate();
        var scope = AllocationScope.Begin();
        allocate();
        return scope.End();
    }

    private static void AllocateAtLeast(long bytes, Action<int> allocate)
    {
        long start = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; GC.GetAllocatedBytesForCurrentThread() - start < bytes; i++)
        {
            allocate(i);
        }
    }

    private static void Throw<TException>()
        where TException : Exception, new()
    {
        try
        {
            throw new TException();
        }
        catch (TException)
        {
        }
    }
}
