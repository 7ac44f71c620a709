using System.Runtime.InteropServices;

namespace Meridian.Telemetry.Audit;

/// <summary>
/// CPU time consumed by the current thread (Linux <c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c>), so that a
/// throughput figure says how fast the code runs while it has a core, whatever else the machine is doing. Elsewhere
/// <see cref="IsSupported"/> is false and callers use wall-clock time only.
/// </summary>
internal static partial class ThreadCpuClock
{
    private const int ClockThreadCpuTimeId = 3;

    public static bool IsSupported { get; } = OperatingSystem.IsLinux() && Probe();

    /// <summary>Gets the current thread's CPU time in nanoseconds.</summary>
    public static long Nanoseconds()
    {
        ClockGetTime(ClockThreadCpuTimeId, out var time);
        return (time.Seconds * 1_000_000_000) + time.Nanoseconds;
    }

    private static bool Probe()
    {
        try
        {
            return ClockGetTime(ClockThreadCpuTimeId, out _) == 0;
        }
        catch (DllNotFoundException)
        {
            return false;
        }
        catch (EntryPointNotFoundException)
        {
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clockId, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
