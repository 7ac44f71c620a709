using System.Runtime.InteropServices;

namespace Meridian.Perf.Tests.Stat;

/// <summary>Asks the kernel directly, independently of PerfStat, whether the CPU-cycles hardware counter opens here.</summary>
internal static unsafe partial class HardwareCounterProbe
{
    /// <summary>Returns 0 when a cycles counter opens for this thread, else the errno (ENOENT = 2 on VMs without a PMU).</summary>
    public static int CyclesErrno()
    {
        // struct perf_event_attr, PERF_ATTR_SIZE_VER0 (64 bytes): type 0 (hardware), config 0 (cycles),
        // flags: disabled | exclude_kernel | exclude_hv, so an unprivileged process may open it.
        var attributes = stackalloc ulong[8];
        ((uint*)attributes)[0] = 0;
        ((uint*)attributes)[1] = 64;
        attributes[1] = 0;
        attributes[6] = 1UL | (1UL << 5) | (1UL << 6);
        long number = RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? 241 : 298;
        var fd = Syscall(number, attributes, 0, -1, -1, 8);
        if (fd < 0)
        {
            return Marshal.GetLastPInvokeError();
        }

        Close((int)fd);
        return 0;
    }

    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true)]
    private static partial long Syscall(long number, ulong* attributes, int pid, int cpu, int groupFd, ulong flags);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);
}
