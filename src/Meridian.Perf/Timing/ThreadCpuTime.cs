using System.Runtime.InteropServices;

namespace Meridian.Perf;

/// <summary>
/// The calling thread's CPU time from <c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c> (Linux): exact to the nanosecond
/// at any moment, unlike <c>/proc/thread-self/schedstat</c> and <c>getrusage</c>, which lag by up to a scheduler tick.
/// </summary>
internal static partial class ThreadCpuTime
{
    private const int ThreadCpuTimeClock = 3;

    /// <summary>Reads the calling thread's CPU time in nanoseconds; null where the clock is not available.</summary>
    public static long? NowNanoseconds()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        try
        {
            return ClockGetTime(ThreadCpuTimeClock, out var time) == 0 ? (time.Seconds * 1_000_000_000) + time.Nanoseconds : null;
        }
        catch (Exception error) when (error is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
