using System.Runtime.InteropServices;

namespace Meridian.Perf.Profiling;

/// <summary>Linux calls the <see cref="PerfEventSampler"/> needs beyond core's counters: mmap of the sample ring, and the
/// sample layout's constants (include/uapi/linux/perf_event.h).</summary>
internal static unsafe partial class PerfEventInterop
{
    public const ulong CountSoftwareCpuClock = 0;

    public const ulong SampleIp = 1UL << 0;
    public const ulong SampleTid = 1UL << 1;
    public const ulong SampleTime = 1UL << 2;
    public const ulong SampleCallchain = 1UL << 5;
    public const ulong SampleRegistersUser = 1UL << 12;
    public const ulong SampleStackUser = 1UL << 13;

    public const ulong FlagExcludeCallchainKernel = 1UL << 21;
    public const ulong FlagUseClockId = 1UL << 25;

    public const int ClockMonotonic = 1;

    // x86-64 register numbers of perf_regs.h: BP 6, SP 7, IP 8. The sample holds them in this order.
    public const ulong RegistersBpSpIp = (1UL << 6) | (1UL << 7) | (1UL << 8);

    public const uint RecordLost = 2;
    public const uint RecordSample = 9;

    /// <summary>Marks the start of the user part of a call chain (PERF_CONTEXT_USER); chains hold such markers between frames.</summary>
    public const ulong ContextMarkerStart = unchecked((ulong)-4095);

    // perf_event_mmap_page: data_head at byte 1024, data_tail at 1032.
    public const int DataHeadOffset = 1024;
    public const int DataTailOffset = 1032;

    private const int ProtRead = 1;
    private const int ProtWrite = 2;
    private const int MapShared = 1;

    public static void* MapRing(int fd, nuint length)
    {
        var address = Mmap(null, length, ProtRead | ProtWrite, MapShared, fd, 0);
        return address == (void*)-1 ? null : address;
    }

    [LibraryImport("libc", EntryPoint = "mmap", SetLastError = true)]
    private static partial void* Mmap(void* address, nuint length, int protection, int flags, int fd, nint offset);

    [LibraryImport("libc", EntryPoint = "munmap", SetLastError = true)]
    public static partial int Munmap(void* address, nuint length);

    [LibraryImport("libc", EntryPoint = "getpagesize")]
    public static partial int GetPageSize();

    /// <summary>Copies bytes of this process's own memory without faulting on an unmapped address (process_vm_readv on
    /// itself): code a sample names may have been freed since.</summary>
    public static bool TryReadOwnMemory(ulong address, Span<byte> destination)
    {
        fixed (byte* buffer = destination)
        {
            var local = new IoVector { Base = buffer, Length = (nuint)destination.Length };
            var remote = new IoVector { Base = (void*)address, Length = (nuint)destination.Length };
            return ProcessVmReadv(Environment.ProcessId, &local, 1, &remote, 1, 0) == destination.Length;
        }
    }

    [LibraryImport("libc", EntryPoint = "process_vm_readv", SetLastError = true)]
    private static partial nint ProcessVmReadv(int pid, IoVector* local, nuint localCount, IoVector* remote, nuint remoteCount, nuint flags);

    [StructLayout(LayoutKind.Sequential)]
    private struct IoVector
    {
        public void* Base;
        public nuint Length;
    }
}
