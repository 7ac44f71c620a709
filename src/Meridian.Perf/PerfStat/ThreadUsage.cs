namespace Meridian.Perf;

/// <summary>The calling thread's resource usage over the body, from <c>getrusage(RUSAGE_THREAD)</c>.</summary>
/// <param name="CpuTime">User plus system CPU time (microsecond resolution).</param>
/// <param name="PageFaults">Minor plus major page faults.</param>
/// <param name="VoluntaryContextSwitches">Times the thread gave up the CPU to wait (sleep, I/O, a lock, an event).</param>
/// <param name="InvoluntaryContextSwitches">Times the scheduler took the CPU away (time slice over, a higher-priority task).</param>
public readonly record struct ThreadUsage(TimeSpan CpuTime, long PageFaults, long VoluntaryContextSwitches, long InvoluntaryContextSwitches);
