using System.Runtime.InteropServices;

namespace Meridian.Perf.Profiling;

/// <summary>
/// Samples the calling thread's user-space instruction pointer and call chain with Linux <c>perf_event_open</c>: a
/// software <c>cpu-clock</c> event (a timer on the thread's own CPU time, so it works on virtual machines and without
/// root where <c>perf_event_paranoid</c> ≤ 2), user space only. The kernel writes samples into a ring shared with this
/// process; a background thread copies them out while the body runs, so the ring stays small enough for an
/// unprivileged process's locked-memory limit.
/// </summary>
/// <remarks>Each sample keeps the frame-pointer call chain plus the registers and the top of the stack needed to repair
/// it where a function has not yet built its frame (its first and last instructions): see <see cref="PerfEventStacks"/>.</remarks>
internal sealed unsafe class PerfEventSampler : IDisposable
{
    /// <summary>Words of the user stack kept with each sample, from the stack pointer up.</summary>
    public const int StackWords = 8;

    /// <summary>Bytes of the user stack the kernel copies with each sample. Of the words beyond <see cref="StackWords"/>
    /// only those that point into executable code are kept: the return addresses a frame-pointer walk loses in the
    /// runtime's native code (see <see cref="PerfEventStacks"/>).</summary>
    public const int CapturedStackBytes = 4096;

    // Offsets in a kept record: [length, time, bp, sp, top of stack × StackWords, code words n, (word index, value) × n, chain…].
    public const int TimeOffset = 1;
    public const int StackPointerOffset = 3;
    public const int TopOfStackOffset = 4;
    public const int CodeWordsOffset = TopOfStackOffset + StackWords;

    // 128 data pages (512 KiB) plus the metadata page: the default perf_event_mlock_kb of 516 for unprivileged users.
    private const int DataPages = 128;
    private const int MinimumDataPages = 16;

    private readonly int _fd;
    private readonly byte* _ring;
    private readonly nuint _ringLength;
    private readonly long _dataSize;
    private readonly int _pageSize;
    private readonly List<ulong> _records = new(1 << 16);
    private readonly ExecutableRanges _code;
    private readonly Thread _drainer;
    private volatile bool _stopping;
    private long _lost;
    private long _rawBytes;
    private int _sampleCount;

    private PerfEventSampler(int fd, byte* ring, nuint ringLength, int pageSize, int dataPages)
    {
        _fd = fd;
        _ring = ring;
        _ringLength = ringLength;
        _pageSize = pageSize;
        _dataSize = (long)dataPages * pageSize;
        _code = ExecutableRanges.Read();
        _drainer = new Thread(static state => ((PerfEventSampler)state!).DrainLoop())
        {
            IsBackground = true,
            Name = "Meridian CPU sample reader",
        };
        _drainer.Start(this);
    }

    /// <summary>Gets the samples the kernel had to drop because the ring was full.</summary>
    public long LostSamples => Interlocked.Read(ref _lost);

    /// <summary>Gets the bytes of sample records read from the ring.</summary>
    public long RawBytes => _rawBytes;

    /// <summary>Gets the samples read.</summary>
    public int SampleCount => _sampleCount;

    /// <summary>Opens a disabled sampler on the calling thread, or explains why it cannot.</summary>
    /// <param name="interval">CPU time between samples.</param>
    /// <param name="problem">Why the sampler is unavailable, when it is.</param>
    /// <returns>The sampler, or null.</returns>
    public static PerfEventSampler? TryOpen(TimeSpan interval, out string? problem)
    {
        if (!OperatingSystem.IsLinux())
        {
            problem = "perf_event_open exists only on Linux";
            return null;
        }

        if (RuntimeInformation.ProcessArchitecture != Architecture.X64)
        {
            // The stack repair reads x86-64 registers; other architectures keep the EventPipe sampler for now.
            problem = $"the perf_event_open sampler is implemented for x64 processes, and this one is {RuntimeInformation.ProcessArchitecture}";
            return null;
        }

        var attributes = new LinuxPerfInterop.PerfEventAttr
        {
            Type = LinuxPerfInterop.TypeSoftware,
            Size = (uint)sizeof(LinuxPerfInterop.PerfEventAttr),
            Config = PerfEventInterop.CountSoftwareCpuClock,
            SamplePeriod = (ulong)Math.Max(10_000, interval.Ticks * 100),
            SampleType = PerfEventInterop.SampleIp | PerfEventInterop.SampleTid | PerfEventInterop.SampleTime | PerfEventInterop.SampleCallchain
                | PerfEventInterop.SampleRegistersUser | PerfEventInterop.SampleStackUser,
            Flags = LinuxPerfInterop.FlagDisabled | LinuxPerfInterop.FlagExcludeKernel | LinuxPerfInterop.FlagExcludeHypervisor
                | PerfEventInterop.FlagExcludeCallchainKernel | PerfEventInterop.FlagUseClockId,

            // Sample times on CLOCK_MONOTONIC, the clock of Stopwatch and of the runtime's event timestamps on Linux.
            ClockId = PerfEventInterop.ClockMonotonic,
            SampleRegistersUser = PerfEventInterop.RegistersBpSpIp,
            SampleStackUser = CapturedStackBytes,
        };

        var fd = LinuxPerfInterop.PerfEventOpen(ref attributes);
        if (fd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            problem = errno switch
            {
                1 or 13 => $"perf_event_open was refused (errno {errno}): /proc/sys/kernel/perf_event_paranoid is above 2 or the process lacks CAP_PERFMON",
                38 => "perf_event_open is not available (ENOSYS: blocked by seccomp, e.g. in a container, or a kernel without perf events)",
                _ => $"perf_event_open failed with errno {errno}",
            };
            return null;
        }

        // The largest ring the unprivileged locked-memory allowance takes, smaller ones when other rings hold part of it.
        var pageSize = PerfEventInterop.GetPageSize();
        var errorNumber = 0;
        for (var pages = DataPages; pages >= MinimumDataPages; pages /= 2)
        {
            var length = (nuint)((pages + 1) * pageSize);
            var ring = (byte*)PerfEventInterop.MapRing(fd, length);
            if (ring is not null)
            {
                problem = null;
                return new PerfEventSampler(fd, ring, length, pageSize, pages);
            }

            errorNumber = Marshal.GetLastPInvokeError();
        }

        LinuxPerfInterop.Close(fd);
        problem = $"mapping the perf_event_open sample ring failed with errno {errorNumber} (the locked-memory limit perf_event_mlock_kb may be too small)";
        return null;
    }

    /// <summary>Starts counting the thread's CPU time; the first sample comes one interval later.</summary>
    public void Enable() => LinuxPerfInterop.Ioctl(_fd, LinuxPerfInterop.IoctlEnable, 0);

    /// <summary>Stops sampling.</summary>
    public void Disable() => LinuxPerfInterop.Ioctl(_fd, LinuxPerfInterop.IoctlDisable, 0);

    /// <summary>Stops the reader after it has read every sample left in the ring, and returns the samples in one flat
    /// list, each as <c>[length, time, bp, sp, stack words × <see cref="StackWords"/>, code words n, (word index, value)
    /// × n, chain (leaf first)…]</c> (see the offsets above).</summary>
    public List<ulong> Finish()
    {
        Disable();
        _stopping = true;
        _drainer.Join();
        return _records;
    }

    public void Dispose()
    {
        if (_drainer.IsAlive)
        {
            _stopping = true;
            _drainer.Join();
        }

        PerfEventInterop.Munmap(_ring, _ringLength);
        LinuxPerfInterop.Close(_fd);
    }

    private void DrainLoop()
    {
        while (true)
        {
            var stopping = _stopping;
            Drain();
            if (stopping)
            {
                return;
            }

            Thread.Sleep(5);
        }
    }

    private void Drain()
    {
        var head = Volatile.Read(ref *(long*)(_ring + PerfEventInterop.DataHeadOffset));
        var tail = *(long*)(_ring + PerfEventInterop.DataTailOffset);
        var data = _ring + _pageSize;
        Span<byte> record = stackalloc byte[1 << 16];
        while (tail < head)
        {
            var offset = tail % _dataSize;
            Copy(data, offset, record[..8]);
            var type = MemoryMarshal.Read<uint>(record);
            var size = MemoryMarshal.Read<ushort>(record[6..]);
            if (size < 8)
            {
                break;
            }

            Copy(data, offset, record[..size]);
            if (type == PerfEventInterop.RecordSample)
            {
                Parse(record[..size]);
            }
            else if (type == PerfEventInterop.RecordLost)
            {
                _lost += MemoryMarshal.Read<long>(record[16..]);
            }

            _rawBytes += size;
            tail += size;
        }

        Volatile.Write(ref *(long*)(_ring + PerfEventInterop.DataTailOffset), tail);
    }

    private void Copy(byte* data, long offset, Span<byte> destination)
    {
        var first = (int)Math.Min(destination.Length, _dataSize - offset);
        new ReadOnlySpan<byte>(data + offset, first).CopyTo(destination);
        if (first < destination.Length)
        {
            new ReadOnlySpan<byte>(data, destination.Length - first).CopyTo(destination[first..]);
        }
    }

    // Layout for IP | TID | TIME | CALLCHAIN | REGS_USER | STACK_USER: header, ip, pid+tid, time, nr, ips[nr], abi,
    // regs (bp, sp, ip) when abi is not 0, stack size, stack bytes, dynamic size.
    private void Parse(ReadOnlySpan<byte> record)
    {
        var words = MemoryMarshal.Cast<byte, ulong>(record);
        var position = 3;
        var time = words[position++];
        var chainLength = (int)words[position++];
        var chain = words.Slice(position, chainLength);
        position += chainLength;
        var abi = words[position++];
        ulong bp = 0, sp = 0;
        if (abi != 0)
        {
            bp = words[position];
            sp = words[position + 1];
            position += 3;
        }

        var stackSize = (int)words[position++];
        var stack = words.Slice(position, stackSize / sizeof(ulong));
        position += stack.Length;
        var dynamicSize = stackSize > 0 ? (int)words[position] : 0;
        var kept = Math.Min(dynamicSize / sizeof(ulong), stack.Length);

        var start = _records.Count;
        _records.Add(0);
        _records.Add(time);
        _records.Add(bp);
        _records.Add(sp);
        for (var i = 0; i < StackWords; i++)
        {
            _records.Add(i < kept ? stack[i] : 0);
        }

        // Deeper in the stack only what may be a return address: a word that points into executable code.
        var countAt = _records.Count;
        _records.Add(0);
        for (var i = StackWords; i < kept; i++)
        {
            if (_code.Contains(stack[i]))
            {
                _records.Add((ulong)i);
                _records.Add(stack[i]);
            }
        }

        _records[countAt] = (ulong)((_records.Count - countAt - 1) / 2);
        foreach (var address in chain)
        {
            if (address < PerfEventInterop.ContextMarkerStart)
            {
                _records.Add(address);
            }
        }

        _records[start] = (ulong)(_records.Count - start);
        _sampleCount++;
    }
}
