using System.Runtime.InteropServices;

namespace Meridian.Perf.Benchmarks;

/// <summary>The calling thread's CPU time (Linux, <c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c>): a loaded machine does not inflate it the way it does wall-clock time.</summary>
internal static class ThreadCpuClock
{
    private const int ThreadCpuTimeClock = 3;

    public static long Nanoseconds()
    {
        if (!OperatingSystem.IsLinux())
        {
            return 0;
        }

        Span<long> time = stackalloc long[2];
        _ = ClockGetTime(ThreadCpuTimeClock, ref MemoryMarshal.GetReference(time));
        return (time[0] * 1_000_000_000) + time[1];
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, ref long time);
}
