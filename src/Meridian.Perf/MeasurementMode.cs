using System.Runtime;

namespace Meridian.Perf;

/// <summary>
/// How the runtime compiles and collects in this process, as far as it decides what an allocation measurement sees.
/// Every <see cref="AllocationReport"/> carries one, and every failure message says it.
/// </summary>
public sealed class MeasurementMode
{
    private static readonly Lazy<MeasurementMode> CurrentMode = new(Detect);

    private MeasurementMode(bool optimizedFromFirstCall, string codeDescription, bool concurrentGc, bool serverGc)
    {
        OptimizedFromFirstCall = optimizedFromFirstCall;
        CodeDescription = codeDescription;
        ConcurrentGc = concurrentGc;
        ServerGc = serverGc;
    }

    /// <summary>Gets the mode of the current process (read once).</summary>
    public static MeasurementMode Current => CurrentMode.Value;

    /// <summary>
    /// Gets whether user methods are compiled optimized from their first call (tiered compilation off, or quick JIT
    /// off). When false, methods start at tier 0, which allocates where optimized code does not: .NET's escape
    /// analysis removes non-escaping objects, small arrays and boxes only in optimized code.
    /// </summary>
    public bool OptimizedFromFirstCall { get; }

    /// <summary>Gets a one-line description of the code-generation setting and where it came from.</summary>
    public string CodeDescription { get; }

    /// <summary>Gets whether background (concurrent) GC is on; it makes a few windows read ~8 KB too much under load.</summary>
    public bool ConcurrentGc { get; }

    /// <summary>Gets whether the server GC is in use.</summary>
    public bool ServerGc { get; }

    /// <summary>Gets the sentence a report prints about this mode.</summary>
    /// <returns>The description.</returns>
    public override string ToString()
    {
        string gc = ConcurrentGc ? "concurrent GC on (a window may read ~8 KB extra while other threads collect)" : "concurrent GC off";
        return $"{CodeDescription}; {gc}{(ServerGc ? "; server GC" : string.Empty)}.";
    }

    private static MeasurementMode Detect()
    {
        bool? tiered = ReadSwitch("TieredCompilation", "System.Runtime.TieredCompilation");
        bool? quickJit = ReadSwitch("TC_QuickJit", "System.Runtime.TieredCompilation.QuickJit");
        bool optimized;
        string description;
        if (tiered == false)
        {
            optimized = true;
            description = "Optimized code measured (tiered compilation off)";
        }
        else if (quickJit == false)
        {
            optimized = true;
            description = "Optimized code measured (quick JIT off: methods are compiled optimized on their first call)";
        }
        else
        {
            optimized = false;
            description = "Tier-0 code may be measured (quick JIT on: tier-0 code allocates where optimized code does not; " +
                "set <TieredCompilationQuickJit>false</TieredCompilationQuickJit> to measure what production runs)";
        }

        // Batch latency is what a non-concurrent workstation GC runs with; it is the runtime's own word, whatever set it.
        bool concurrent = !GCSettings.IsServerGC && GCSettings.LatencyMode != GCLatencyMode.Batch;
        if (GCSettings.IsServerGC)
        {
            concurrent = ReadSwitch("gcConcurrent", "System.GC.Concurrent") != false;
        }

        return new MeasurementMode(optimized, description, concurrent, GCSettings.IsServerGC);
    }

    private static bool? ReadSwitch(string environmentName, string appContextName)
    {
        // Environment variables override runtimeconfig.json, as in the runtime's own configuration lookup.
        foreach (string prefix in new[] { "DOTNET_", "COMPlus_" })
        {
            string? value = Environment.GetEnvironmentVariable(prefix + environmentName);
            if (!string.IsNullOrWhiteSpace(value))
            {
                return value.Trim() != "0";
            }
        }

        object? data = AppContext.GetData(appContextName);
        return data switch
        {
            bool b => b,
            string s when bool.TryParse(s, out bool parsed) => parsed,
            string s when s.Trim() == "0" => false,
            string s when s.Trim() == "1" => true,
            _ => null,
        };
    }
}
