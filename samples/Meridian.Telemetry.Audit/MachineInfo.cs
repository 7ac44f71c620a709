using System.Runtime;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Meridian.Perf;

namespace Meridian.Telemetry.Audit;

/// <summary>The machine and runtime the figures were measured on.</summary>
internal sealed record MachineInfo(string Cpu, int LogicalCores, string Os, string Runtime, string Gc, string Tiering, string LoadAverage)
{
    public static MachineInfo Capture()
    {
        string cpu = ReadFirst("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString();
        if (ReadFirst("/proc/cpuinfo", "cpu MHz") is { } mhz)
        {
            cpu += $" at {mhz} MHz";
        }

        cpu += $", {RuntimeInformation.ProcessArchitecture}, widest hardware vectors {(Vector512.IsHardwareAccelerated ? "512" : Vector256.IsHardwareAccelerated ? "256" : Vector128.IsHardwareAccelerated ? "128" : "none")} bit";
        string gc = $"{(GCSettings.IsServerGC ? "server" : "workstation")}, {(MeasurementMode.Current.ConcurrentGc ? "concurrent" : "non-concurrent")} (latency mode {GCSettings.LatencyMode})";
        string tiering = $"tiered compilation {OnOff("System.Runtime.TieredCompilation", "DOTNET_TieredCompilation")}, quick JIT {OnOff("System.Runtime.TieredCompilation.QuickJit", "DOTNET_TC_QuickJit")}, dynamic PGO {OnOff("System.Runtime.TieredPGO", "DOTNET_TieredPGO")}";
        return new MachineInfo(cpu, Environment.ProcessorCount, $"{RuntimeInformation.OSDescription} ({RuntimeInformation.OSArchitecture})", RuntimeInformation.FrameworkDescription, gc, tiering, ReadLoadAverage());
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

    // An environment variable wins over runtimeconfig.json, as in the runtime; runtimeconfig values reach AppContext as strings.
    private static string OnOff(string name, string variable)
    {
        string? value = Environment.GetEnvironmentVariable(variable) ?? AppContext.GetData(name)?.ToString();
        return value switch
        {
            null => "on (default)",
            "1" or "true" or "True" => "on",
            "0" or "false" or "False" => "off",
            _ => value,
        };
    }

    private static string? ReadFirst(string path, string key)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        foreach (string line in File.ReadLines(path))
        {
            if (line.StartsWith(key, StringComparison.Ordinal))
            {
                return line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
            }
        }

        return null;
    }
}
