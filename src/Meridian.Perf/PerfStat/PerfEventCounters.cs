using System.Globalization;
using System.Runtime.InteropServices;

namespace Meridian.Perf;

/// <summary>
/// The perf_event_open counters of the calling thread, opened disabled and with <c>inherit</c> (threads the calling
/// thread creates while counting are counted too), enabled and disabled around the body by ioctl (no allocation).
/// Each counter is read on its own with its enabled and running times, so multiplexed hardware counters are scaled
/// as <c>perf stat</c> scales them.
/// </summary>
internal sealed unsafe class PerfEventCounters : IDisposable
{
    private static readonly (PerfCounter Counter, uint Type, ulong Config)[] s_counters =
    [
        (PerfCounter.TaskClock, LinuxPerfInterop.TypeSoftware, 1),
        (PerfCounter.ContextSwitches, LinuxPerfInterop.TypeSoftware, 3),
        (PerfCounter.CpuMigrations, LinuxPerfInterop.TypeSoftware, 4),
        (PerfCounter.PageFaults, LinuxPerfInterop.TypeSoftware, 2),
        (PerfCounter.Cycles, LinuxPerfInterop.TypeHardware, 0),
        (PerfCounter.Instructions, LinuxPerfInterop.TypeHardware, 1),
        (PerfCounter.CacheReferences, LinuxPerfInterop.TypeHardware, 2),
        (PerfCounter.CacheMisses, LinuxPerfInterop.TypeHardware, 3),
        (PerfCounter.Branches, LinuxPerfInterop.TypeHardware, 4),
        (PerfCounter.BranchMisses, LinuxPerfInterop.TypeHardware, 5),
    ];

    private readonly int[] _descriptors = new int[s_counters.Length];
    private readonly string[] _sources = new string[s_counters.Length];

    private PerfEventCounters()
    {
    }

    public bool AnyOpen => _descriptors.Any(fd => fd >= 0);

    public bool UserSpaceOnly { get; private set; }

    public static PerfEventCounters Open()
    {
        var counters = new PerfEventCounters();
        for (var i = 0; i < s_counters.Length; i++)
        {
            var (counter, type, config) = s_counters[i];
            var fd = Open(type, config, excludeKernel: false, out var errno);
            if (fd < 0 && errno is Errno.Access or Errno.Permission)
            {
                // perf_event_paranoid >= 2 lets an unprivileged process count only its user-space activity.
                fd = Open(type, config, excludeKernel: true, out errno);
                counters.UserSpaceOnly |= fd >= 0;
            }

            counters._descriptors[i] = fd;
            counters._sources[i] = fd >= 0 ? "perf_event_open" : Explain(counter, errno);
        }

        return counters;
    }

    public void Enable()
    {
        foreach (var fd in _descriptors)
        {
            if (fd >= 0)
            {
                LinuxPerfInterop.Ioctl(fd, LinuxPerfInterop.IoctlReset, 0);
                LinuxPerfInterop.Ioctl(fd, LinuxPerfInterop.IoctlEnable, 0);
            }
        }
    }

    public void Disable()
    {
        foreach (var fd in _descriptors)
        {
            if (fd >= 0)
            {
                LinuxPerfInterop.Ioctl(fd, LinuxPerfInterop.IoctlDisable, 0);
            }
        }
    }

    public PerfCounterReading[] Read()
    {
        var readings = new PerfCounterReading[s_counters.Length];
        var values = stackalloc ulong[3];
        for (var i = 0; i < s_counters.Length; i++)
        {
            var counter = s_counters[i].Counter;
            var fd = _descriptors[i];
            if (fd < 0)
            {
                readings[i] = new PerfCounterReading(counter, null, _sources[i]);
                continue;
            }

            if (LinuxPerfInterop.Read(fd, values, 3 * sizeof(ulong)) != 3 * sizeof(ulong))
            {
                readings[i] = new PerfCounterReading(counter, null, $"read failed (errno {Marshal.GetLastPInvokeError()})");
                continue;
            }

            var (value, enabled, running) = (values[0], values[1], values[2]);
            if (running == 0)
            {
                // Enabled but never scheduled on the PMU (all hardware counters busy): no value, and no fake zero.
                readings[i] = new PerfCounterReading(counter, null, "not counted: the PMU was busy with other counters the whole time", 0);
                continue;
            }

            var fraction = (double)running / enabled;
            readings[i] = new PerfCounterReading(counter, running == enabled ? value : value * ((double)enabled / running), _sources[i], fraction);
        }

        return readings;
    }

    public void Dispose()
    {
        for (var i = 0; i < _descriptors.Length; i++)
        {
            if (_descriptors[i] >= 0)
            {
                LinuxPerfInterop.Close(_descriptors[i]);
                _descriptors[i] = -1;
            }
        }
    }

    private static int Open(uint type, ulong config, bool excludeKernel, out int errno)
    {
        var attributes = new LinuxPerfInterop.PerfEventAttr
        {
            Type = type,
            Size = (uint)sizeof(LinuxPerfInterop.PerfEventAttr),
            Config = config,
            ReadFormat = LinuxPerfInterop.ReadFormatTotalTimeEnabled | LinuxPerfInterop.ReadFormatTotalTimeRunning,
            Flags = LinuxPerfInterop.FlagDisabled | LinuxPerfInterop.FlagInherit
                | (excludeKernel ? LinuxPerfInterop.FlagExcludeKernel | LinuxPerfInterop.FlagExcludeHypervisor : 0),
        };
        var fd = LinuxPerfInterop.PerfEventOpen(ref attributes);
        errno = fd < 0 ? Marshal.GetLastPInvokeError() : 0;
        return fd;
    }

    private static string Explain(PerfCounter counter, int errno)
    {
        var hardware = counter >= PerfCounter.Cycles;
        return errno switch
        {
            Errno.NoEntry or Errno.NotSupported or Errno.NoDevice when hardware =>
                "not supported: the CPU exposes no such hardware counter here (virtual machines usually expose none)",
            Errno.NoEntry or Errno.NotSupported or Errno.NoDevice => "not supported by this kernel",
            Errno.Access or Errno.Permission => string.Create(CultureInfo.InvariantCulture, $"not permitted (kernel.perf_event_paranoid = {Paranoia()})"),
            Errno.NoSystemCall => "perf_event_open is not available (blocked by seccomp, e.g. in a container, or not built into the kernel)",
            _ => string.Create(CultureInfo.InvariantCulture, $"perf_event_open failed with errno {errno}"),
        };
    }

    private static string Paranoia()
    {
        try
        {
            return File.ReadAllText("/proc/sys/kernel/perf_event_paranoid").Trim();
        }
        catch (IOException)
        {
            return "unknown";
        }
        catch (UnauthorizedAccessException)
        {
            return "unknown";
        }
    }

    private static class Errno
    {
        public const int Permission = 1;
        public const int NoEntry = 2;
        public const int Access = 13;
        public const int NoDevice = 19;
        public const int NoSystemCall = 38;
        public const int NotSupported = 95;
    }
}
