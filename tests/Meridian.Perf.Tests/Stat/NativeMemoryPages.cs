using System.Runtime.InteropServices;

namespace Meridian.Perf.Tests.Stat;

/// <summary>Fresh anonymous pages straight from mmap, never touched: the first write to each is one page fault.
/// (malloc could hand back memory it already touched; madvise NOHUGEPAGE keeps 2 MB pages out of the count.)</summary>
internal sealed partial class NativeMemoryPages : IDisposable
{
    private const int ProtectionReadWrite = 0x1 | 0x2;
    private const int MapPrivateAnonymous = 0x02 | 0x20;
    private const int AdviseNoHugePage = 15;

    public NativeMemoryPages(int pages)
    {
        PageSize = Environment.SystemPageSize;
        Pages = pages;
        Address = Map(0, (nuint)(pages * PageSize), ProtectionReadWrite, MapPrivateAnonymous, -1, 0);
        if (Address == -1)
        {
            throw new InvalidOperationException($"mmap failed with errno {Marshal.GetLastPInvokeError()}");
        }

        Advise(Address, (nuint)(pages * PageSize), AdviseNoHugePage);
    }

    public nint Address { get; }

    public int Pages { get; }

    public int PageSize { get; }

    public void TouchEveryPage()
    {
        for (var page = 0; page < Pages; page++)
        {
            Marshal.WriteByte(Address, page * PageSize, 1);
        }
    }

    public void Dispose() => Unmap(Address, (nuint)(Pages * PageSize));

    [LibraryImport("libc", EntryPoint = "mmap", SetLastError = true)]
    private static partial nint Map(nint address, nuint length, int protection, int flags, int fd, nint offset);

    [LibraryImport("libc", EntryPoint = "munmap")]
    private static partial int Unmap(nint address, nuint length);

    [LibraryImport("libc", EntryPoint = "madvise")]
    private static partial int Advise(nint address, nuint length, int advice);
}
