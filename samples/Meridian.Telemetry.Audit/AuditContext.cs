using Meridian.Perf;

namespace Meridian.Telemetry.Audit;

/// <summary>What the phases share: the settings, the prepared workloads and every figure measured so far.</summary>
internal sealed class AuditContext(AuditSettings settings, IThroughputMeter meter) : IDisposable
{
    public AuditSettings Settings { get; } = settings;

    public IThroughputMeter Meter { get; } = meter;

    public MachineInfo Machine { get; } = MachineInfo.Capture();

    /// <summary>Gets the workload timed by Phase 1: batches of <see cref="AuditSettings.BatchFrames"/>.</summary>
    public StageWorkload Workload { get; } = new(settings.Scenario, settings.Frames, settings.BatchFrames);

    /// <summary>Gets the workload whose allocations Phase 3 counts: batches of <see cref="AllocationBatchFrames"/>.</summary>
    public StageWorkload AllocationWorkload { get; } = new(settings.Scenario, Math.Max(settings.Frames / 4, AllocationBatchFrames), AllocationBatchFrames);

    public static int AllocationBatchFrames => 256;

    /// <summary>Gets Phase 1's results by target (<see cref="Target"/>).</summary>
    public Dictionary<string, ThroughputResult> Throughput { get; } = [];

    /// <summary>Gets Phase 3's results by target.</summary>
    public Dictionary<string, AllocationReport> Allocations { get; } = [];

    public static string Target(string implementation, string what) => $"{implementation} {what}";

    public void Dispose()
    {
        Workload.Dispose();
        AllocationWorkload.Dispose();
    }
}
