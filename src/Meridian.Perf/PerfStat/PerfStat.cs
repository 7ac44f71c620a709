using System.Diagnostics;

namespace Meridian.Perf;

/// <summary>
/// <c>perf stat</c> for a body, from inside the process: CPU time, context switches, CPU migrations and page faults
/// (Linux perf_event_open software counters), cycles, instructions, cache and branch misses where the CPU exposes them,
/// the scheduler's on-CPU / waiting / blocked split, and the runtime's GC, lock and JIT counters, with a diagnosis.
/// </summary>
/// <remarks>
/// <para>Which threads are counted: on Linux the counters follow the calling thread, opened with <c>inherit</c>, so
/// threads it creates during the body are counted too; work the body hands to threads that already exist (the thread
/// pool, a Parallel.For's workers) is not. The scheduler split and the getrusage fallback are the calling thread's
/// alone. The runtime counters (GC, locks, JIT) are process-wide, except the allocated bytes, which are the calling
/// thread's and exact. The report says which source each value came from.</para>
/// <para>Hardware counters are reported as "not supported" where the machine has none (virtual machines often expose
/// no PMU): never as a zero. On other operating systems only the runtime's counters and the process's CPU time are
/// available, and the report says so.</para>
/// <para>The counters are enabled and disabled by one ioctl each around the body; nothing is allocated in between.</para>
/// </remarks>
public static class PerfStat
{
    /// <summary>Runs <paramref name="body"/> once on the calling thread and reports its counters and a diagnosis.</summary>
    /// <param name="body">The workload.</param>
    /// <returns>The report; print it for a <c>perf stat</c>-style summary.</returns>
    public static PerfStatReport Measure(Action body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return Measure(body, static action => action());
    }

    /// <summary>Runs <paramref name="body"/> with <paramref name="state"/> once on the calling thread and reports its
    /// counters and a diagnosis; a static lambda keeps a closure out of the measurement.</summary>
    /// <typeparam name="TState">The state's type.</typeparam>
    /// <param name="state">The body's input.</param>
    /// <param name="body">The workload.</param>
    /// <returns>The report.</returns>
    public static PerfStatReport Measure<TState>(TState state, Action<TState> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return OperatingSystem.IsLinux() ? MeasureOnLinux(state, body) : MeasureWithRuntimeOnly(state, body);
    }

    private static PerfStatReport MeasureOnLinux<TState>(TState state, Action<TState> body)
    {
        using var counters = PerfEventCounters.Open();
        var schedulerBefore = SchedulerTimes.TryRead();
        LinuxPerfInterop.GetResourceUsage(LinuxPerfInterop.RusageThread, out var usageBefore);
        var runtimeBefore = RuntimeCounters.Capture();
        var started = Stopwatch.GetTimestamp();
        counters.Enable();

        body(state);

        counters.Disable();
        var wall = Stopwatch.GetElapsedTime(started);
        var runtime = RuntimeCounters.Capture() - runtimeBefore;
        LinuxPerfInterop.GetResourceUsage(LinuxPerfInterop.RusageThread, out var usageAfter);
        var schedulerAfter = SchedulerTimes.TryRead();

        var readings = counters.Read();
        var usage = new ThreadUsage(
            usageAfter.CpuTime - usageBefore.CpuTime,
            (usageAfter.MinorFaults + usageAfter.MajorFaults) - (usageBefore.MinorFaults + usageBefore.MajorFaults),
            usageAfter.VoluntaryContextSwitches - usageBefore.VoluntaryContextSwitches,
            usageAfter.InvoluntaryContextSwitches - usageBefore.InvoluntaryContextSwitches);
        FillFromResourceUsage(readings, usage);

        var scheduler = schedulerBefore is { } before && schedulerAfter is { } after ? after - before : (SchedulerTimes?)null;
        var scope = counters.AnyOpen
            ? "the calling thread and threads it started during the body (perf_event_open with inherit" + (counters.UserSpaceOnly ? ", user space only: kernel.perf_event_paranoid forbids counting the kernel" : string.Empty) + ")"
            : "the calling thread (getrusage(RUSAGE_THREAD): perf_event_open was not available)";
        return new PerfStatReport(wall, readings, runtime, scheduler, usage, scope, platformNote: null);
    }

    private static PerfStatReport MeasureWithRuntimeOnly<TState>(TState state, Action<TState> body)
    {
        var cpuBefore = ProcessCpuTime();
        var runtimeBefore = RuntimeCounters.Capture();
        var started = Stopwatch.GetTimestamp();

        body(state);

        var wall = Stopwatch.GetElapsedTime(started);
        var runtime = RuntimeCounters.Capture() - runtimeBefore;
        var cpu = ProcessCpuTime() - cpuBefore;

        var readings = new PerfCounterReading[Enum.GetValues<PerfCounter>().Length];
        foreach (var counter in Enum.GetValues<PerfCounter>())
        {
            readings[(int)counter] = counter == PerfCounter.TaskClock
                ? new PerfCounterReading(counter, cpu.Ticks * 100.0, "process CPU time from the runtime (all threads)")
                : new PerfCounterReading(counter, null, "not supported on this operating system (Linux only)");
        }

        return new PerfStatReport(wall, readings, runtime, scheduler: null, usage: null, "the whole process (CPU time of all threads)",
            $"{System.Runtime.InteropServices.RuntimeInformation.OSDescription}: no perf_event_open or per-thread scheduler data; CPU time is the process's, so other threads' work counts as the body's.");
    }

    private static TimeSpan ProcessCpuTime()
    {
#if NET9_0_OR_GREATER
        return Environment.CpuUsage.TotalTime;
#else
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
#endif
    }

    // Where perf_event_open gave nothing, the calling thread's getrusage still knows CPU time, faults and switches.
    private static void FillFromResourceUsage(PerfCounterReading[] readings, ThreadUsage usage)
    {
        const string Source = "getrusage(RUSAGE_THREAD), the calling thread only";
        for (var i = 0; i < readings.Length; i++)
        {
            if (readings[i].IsSupported)
            {
                continue;
            }

            readings[i] = readings[i].Counter switch
            {
                PerfCounter.TaskClock => new PerfCounterReading(PerfCounter.TaskClock, usage.CpuTime.Ticks * 100.0, Source),
                PerfCounter.PageFaults => new PerfCounterReading(PerfCounter.PageFaults, usage.PageFaults, Source),
                PerfCounter.ContextSwitches => new PerfCounterReading(PerfCounter.ContextSwitches, usage.VoluntaryContextSwitches + usage.InvoluntaryContextSwitches, Source),
                _ => readings[i],
            };
        }
    }
}
