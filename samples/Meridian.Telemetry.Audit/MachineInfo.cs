using System.Runtime;
using System.Runtime.Intrinsics;
using Meridian.Perf;

namespace Meridian.Telemetry.Audit;

/// <summary>
/// The machine and runtime the figures were measured on: Meridian.Perf's <see cref="MachineFingerprint"/> (what a
/// stored baseline is tied to) and <see cref="MeasurementMode"/> (how code is compiled and collected), plus what only
/// a report needs: the clock rate and vector width the CPU reports, and the load average.
/// </summary>
/// <remarks>
/// The load average stays here rather than in the library: it describes the machine while the audit ran, not a rule
/// of measurement; what the load did to each figure is measured per figure (CPU-time cross-checks, PerfStat).
/// </remarks>
internal sealed record MachineInfo(MachineFingerprint Fingerprint, string Cpu, string Gc, string Code, string LoadAverage)
{
    public int LogicalCores => Fingerprint.ProcessorCount;

    public string Os => $"{Fingerprint.OperatingSystem} ({Fingerprint.Architecture})";

    public string Runtime => Fingerprint.Runtime;

    public static MachineInfo Capture()
    {
        var fingerprint = MachineFingerprint.Current;
        string cpu = fingerprint.CpuModel;
        if (ReadCpuInfo("cpu MHz") is { } mhz)
        {
            cpu += $" at {mhz} MHz";
        }

        cpu += $", widest hardware vectors {(Vector512.IsHardwareAccelerated ? "512" : Vector256.IsHardwareAccelerated ? "256" : Vector128.IsHardwareAccelerated ? "128" : "none")} bit";
        string gc = $"{fingerprint.GarbageCollector} (latency mode {GCSettings.LatencyMode})";
        return new MachineInfo(fingerprint, cpu, gc, MeasurementMode.Current.CodeDescription, ReadLoadAverage());
    }

    public static string ReadLoadAverage()
    {
        if (!File.Exists("/proc/loadavg"))
        {
            return "unknown";
        }

        string[] fields = File.ReadAllText("/proc/loadavg").Split(' ');
        return fields.Length >= 3 ? $"{fields[0]} {fields[1]} {fields[2]}" : "unknown";
    }

    private static string? ReadCpuInfo(string key)
    {
        if (!File.Exists("/proc/cpuinfo"))
        {
            return null;
        }

        foreach (string line in File.ReadLines("/proc/cpuinfo"))
        {
            if (line.StartsWith(key, StringComparison.Ordinal))
            {
                return line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
            }
        }

        return null;
    }
}
