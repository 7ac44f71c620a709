using System.Runtime;
using System.Runtime.InteropServices;

namespace Meridian.Telemetry.Audit;

/// <summary>The machine and runtime the figures were measured on.</summary>
internal sealed record MachineInfo(string Cpu, int LogicalCores, string Os, string Runtime, string Gc, string Tiering, string LoadAverage)
{
    public static MachineInfo Capture()
    {
        string cpu = ReadFirst("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString();
        string gc = $"{(GCSettings.IsServerGC ? "server" : "workstation")}, concurrent {(AppContext.GetData("System.GC.Concurrent") as bool? ?? true ? "on" : "off")}";
        string tiering = $"tiered compilation {OnOff("System.Runtime.TieredCompilation")}, quick JIT {OnOff("System.Runtime.TieredCompilation.QuickJit")}, dynamic PGO {OnOff("System.Runtime.TieredPGO")}";
        string load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "unknown";
        return new MachineInfo(cpu, Environment.ProcessorCount, RuntimeInformation.OSDescription, RuntimeInformation.FrameworkDescription, gc, tiering, load);
    }

    private static string OnOff(string name) => AppContext.GetData(name) is bool value ? (value ? "on" : "off") : "on (default)";

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
