using System.Runtime.InteropServices;

namespace Meridian.Perf;

/// <summary>Linux system calls for <see cref="PerfStat"/>: perf_event_open (through <c>syscall</c>, glibc has no
/// wrapper), ioctl, read, close and getrusage.</summary>
internal static unsafe partial class LinuxPerfInterop
{
    public const uint TypeHardware = 0;
    public const uint TypeSoftware = 1;

    public const ulong ReadFormatTotalTimeEnabled = 1;
    public const ulong ReadFormatTotalTimeRunning = 2;

    public const ulong FlagDisabled = 1UL << 0;
    public const ulong FlagInherit = 1UL << 1;
    public const ulong FlagExcludeKernel = 1UL << 5;
    public const ulong FlagExcludeHypervisor = 1UL << 6;

    public const ulong IoctlEnable = 0x2400;
    public const ulong IoctlDisable = 0x2401;
    public const ulong IoctlReset = 0x2403;

    public const int RusageThread = 1;

    private const ulong PerfFlagFdCloexec = 8;

    /// <summary>Gets the perf_event_open syscall number for this architecture, or -1 where it is not known.</summary>
    public static long PerfEventOpenSyscall => RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => 298,
        Architecture.Arm64 => 241,
        Architecture.X86 => 336,
        Architecture.Arm => 364,
        _ => -1,
    };

    /// <summary>Opens a counter for the calling thread (pid 0) on any CPU (-1); returns the fd or -1 with errno set.</summary>
    public static int PerfEventOpen(ref PerfEventAttr attributes) =>
        (int)Syscall(PerfEventOpenSyscall, ref attributes, 0, -1, -1, PerfFlagFdCloexec);

    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true)]
    private static partial long Syscall(long number, ref PerfEventAttr attributes, int pid, int cpu, int groupFd, ulong flags);

    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    public static partial int Ioctl(int fd, ulong request, ulong argument);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    public static partial nint Read(int fd, void* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "getrusage", SetLastError = true)]
    public static partial int GetResourceUsage(int who, out ResourceUsage usage);

    /// <summary>struct perf_event_attr up to PERF_ATTR_SIZE_VER5 (112 bytes); the kernel accepts any published size.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct PerfEventAttr
    {
        public uint Type;
        public uint Size;
        public ulong Config;
        public ulong SamplePeriod;
        public ulong SampleType;
        public ulong ReadFormat;
        public ulong Flags;
        public uint WakeupEvents;
        public uint BreakpointType;
        public ulong Config1;
        public ulong Config2;
        public ulong BranchSampleType;
        public ulong SampleRegistersUser;
        public uint SampleStackUser;
        public int ClockId;
        public ulong SampleRegistersInterrupt;
        public uint AuxWatermark;
        public ushort SampleMaxStack;
        public ushort Reserved;
    }

    /// <summary>struct rusage (x86-64 and arm64 Linux: two timevals then fourteen longs).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct ResourceUsage
    {
        public long UserSeconds;
        public long UserMicroseconds;
        public long SystemSeconds;
        public long SystemMicroseconds;
        public long MaxResidentSetKilobytes;
        public long SharedMemory;
        public long UnsharedData;
        public long UnsharedStack;
        public long MinorFaults;
        public long MajorFaults;
        public long Swaps;
        public long BlockInputs;
        public long BlockOutputs;
        public long MessagesSent;
        public long MessagesReceived;
        public long Signals;
        public long VoluntaryContextSwitches;
        public long InvoluntaryContextSwitches;

        public readonly TimeSpan CpuTime => TimeSpan.FromTicks(((UserSeconds + SystemSeconds) * TimeSpan.TicksPerSecond) + ((UserMicroseconds + SystemMicroseconds) * 10));
    }
}
