using System.Runtime;
using System.Runtime.InteropServices;

namespace Meridian.Perf;

/// <summary>
/// What a stored timing baseline depends on besides the code: the processor, the core count, the operating system,
/// the runtime and how it compiles and collects. A baseline recorded under a different fingerprint is not compared.
/// </summary>
/// <param name="CpuModel">The processor model (from /proc/cpuinfo on Linux, PROCESSOR_IDENTIFIER on Windows, sysctl on macOS), or the architecture when unknown.</param>
/// <param name="ProcessorCount">The logical processors available to the process.</param>
/// <param name="OperatingSystem">The operating system and its version.</param>
/// <param name="Architecture">The process architecture.</param>
/// <param name="Runtime">The .NET runtime and its version.</param>
/// <param name="GarbageCollector">Server or workstation GC, and whether it is concurrent.</param>
/// <param name="CodeGeneration">How user code is compiled (tiered compilation and quick JIT settings).</param>
public sealed record MachineFingerprint(
    string CpuModel,
    int ProcessorCount,
    string OperatingSystem,
    string Architecture,
    string Runtime,
    string GarbageCollector,
    string CodeGeneration)
{
    private static readonly Lazy<MachineFingerprint> CurrentFingerprint = new(Detect);

    /// <summary>Gets the fingerprint of this process (read once).</summary>
    public static MachineFingerprint Current => CurrentFingerprint.Value;

    /// <summary>Lists how a <paramref name="recorded"/> fingerprint differs from this one (now), one entry per field, in words.</summary>
    /// <param name="recorded">The fingerprint stored with a baseline.</param>
    /// <returns>Entries such as <c>CPU 'X' (recorded) vs 'Y' (now)</c>; empty when they match.</returns>
    public IReadOnlyList<string> DifferencesFrom(MachineFingerprint recorded)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        var differences = new List<string>();
        Compare("CPU", recorded.CpuModel, CpuModel);
        Compare("logical processors", recorded.ProcessorCount.ToString(System.Globalization.CultureInfo.InvariantCulture), ProcessorCount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Compare("OS", recorded.OperatingSystem, OperatingSystem);
        Compare("architecture", recorded.Architecture, Architecture);
        Compare("runtime", recorded.Runtime, Runtime);
        Compare("GC", recorded.GarbageCollector, GarbageCollector);
        Compare("code generation", recorded.CodeGeneration, CodeGeneration);
        return differences;

        void Compare(string what, string? recorded, string now)
        {
            if (!string.Equals(recorded, now, StringComparison.Ordinal))
            {
                differences.Add($"{what} '{recorded}' (recorded) vs '{now}' (now)");
            }
        }
    }

    private static MachineFingerprint Detect()
    {
        var mode = MeasurementMode.Current;
        string gc = (GCSettings.IsServerGC ? "server" : "workstation") + (mode.ConcurrentGc ? ", concurrent" : ", non-concurrent");
        string code = mode.OptimizedFromFirstCall ? "optimized from the first call" : "tiered with quick JIT";
        return new MachineFingerprint(
            DetectCpuModel(),
            Environment.ProcessorCount,
            RuntimeInformation.OSDescription.Trim(),
            RuntimeInformation.ProcessArchitecture.ToString(),
            RuntimeInformation.FrameworkDescription,
            gc,
            code);
    }

    private static string DetectCpuModel()
    {
        try
        {
            if (System.OperatingSystem.IsLinux() && File.Exists("/proc/cpuinfo"))
            {
                foreach (string line in File.ReadLines("/proc/cpuinfo"))
                {
                    if (line.StartsWith("model name", StringComparison.Ordinal) && line.IndexOf(':', StringComparison.Ordinal) is int colon and > 0)
                    {
                        return line[(colon + 1)..].Trim();
                    }
                }
            }

            if (System.OperatingSystem.IsWindows() && Environment.GetEnvironmentVariable("PROCESSOR_IDENTIFIER") is { Length: > 0 } identifier)
            {
                return identifier.Trim();
            }

            if (System.OperatingSystem.IsMacOS())
            {
                using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("sysctl", "-n machdep.cpu.brand_string") { RedirectStandardOutput = true });
                string? brand = process?.StandardOutput.ReadToEnd().Trim();
                process?.WaitForExit();
                if (!string.IsNullOrEmpty(brand))
                {
                    return brand;
                }
            }
        }
        catch (IOException)
        {
            // Fall through: an unreadable CPU description is not worth failing a test for.
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // sysctl missing.
        }

        return "unknown " + RuntimeInformation.ProcessArchitecture;
    }
}
