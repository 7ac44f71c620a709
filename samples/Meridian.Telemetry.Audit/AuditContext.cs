using Meridian.Perf;
using Meridian.Perf.Profiling;
using Meridian.Perf.Runtime;
using Meridian.Telemetry.Naive;
using Meridian.Telemetry.Optimized;

namespace Meridian.Telemetry.Audit;

/// <summary>What the phases share: the settings, the prepared workloads and every figure measured so far.</summary>
internal sealed class AuditContext : IDisposable
{
    public AuditContext(AuditSettings settings)
    {
        Settings = settings;
        Workload = new StageWorkload(settings.Scenario, settings.Frames, settings.BatchFrames);
        AllocationWorkload = new StageWorkload(settings.Scenario, Math.Max(settings.Frames / 4, AllocationBatchFrames), AllocationBatchFrames);
        int frameSize = FrameFormat.FrameSize(settings.Scenario.SamplesPerFrame);
        NaiveStream = new StreamTarget(new NaivePipeline(), Workload.Capture, settings.StreamFrames, frameSize);
        OptimizedStream = new StreamTarget(new OptimizedPipeline(expectedSensors: settings.Scenario.SensorCount), Workload.Capture, settings.StreamFrames, frameSize);
        UnprobedStream = new StreamTarget(
            new OptimizedPipeline(new TelemetryPipelineOptions { MeasureStages = false }, settings.Scenario.SensorCount), Workload.Capture, settings.StreamFrames, frameSize);
        SmallBatchStream = new StreamTarget(
            new OptimizedPipeline(new TelemetryPipelineOptions { MeasureStages = false, BatchCapacity = SmallBatchFrames }, settings.Scenario.SensorCount), Workload.Capture, settings.StreamFrames, frameSize);
        SpreadTableStream = new StreamTarget(
            new OptimizedPipeline(new TelemetryPipelineOptions { MeasureStages = false }, settings.Scenario.SensorCount * SpreadTableFactor), Workload.Capture, settings.StreamFrames, frameSize);
        Reference = new MachineReference(Workload.Capture, settings.StreamFrames, frameSize, TelemetryPipelineOptions.Default.ReadBufferSize);
    }

    public AuditSettings Settings { get; }

    public MachineInfo Machine { get; } = MachineInfo.Capture();

    /// <summary>Gets the workload timed by Phase 1 and the fix: batches of <see cref="AuditSettings.BatchFrames"/>.</summary>
    public StageWorkload Workload { get; }

    /// <summary>Gets the workload whose allocations Phase 3 counts: batches of <see cref="AllocationBatchFrames"/>.</summary>
    public StageWorkload AllocationWorkload { get; }

    public StreamTarget NaiveStream { get; }

    public StreamTarget OptimizedStream { get; }

    /// <summary>Gets the optimized streamed pipeline with its stage probes switched off (<see cref="TelemetryPipelineOptions.MeasureStages"/>): what the probes cost.</summary>
    public StreamTarget UnprobedStream { get; }

    /// <summary>Gets the frames per batch of <see cref="SmallBatchStream"/>: about 6 KB of input, so that a batch's frames,
    /// its decoded headers and the per-sensor entries it touches stay in the first-level cache from one stage to the next.</summary>
    public static int SmallBatchFrames => 64;

    /// <summary>Gets the unprobed optimized streamed pipeline with batches of <see cref="SmallBatchFrames"/> frames instead of
    /// the default: what handing the batches between the stages through a larger cache level costs.</summary>
    public StreamTarget SmallBatchStream { get; }

    /// <summary>Gets how many times more sensors than the capture has <see cref="SpreadTableStream"/>'s per-sensor table is
    /// sized for.</summary>
    public static int SpreadTableFactor => 32;

    /// <summary>Gets the unprobed optimized streamed pipeline with its per-sensor hash index sized for
    /// <see cref="SpreadTableFactor"/> times the capture's sensors: what the lookups' spread over memory costs.</summary>
    public StreamTarget SpreadTableStream { get; }

    /// <summary>Gets the in-run machine reference: the same capture read and checksummed, nothing else.</summary>
    public MachineReference Reference { get; }

    /// <summary>Gets whether both pipelines wrote the same bytes for the streamed capture and for a capture with faults, checked once before timing.</summary>
    public OutputCheck? Output { get; set; }

    public static int AllocationBatchFrames => 256;

    /// <summary>Gets Phase 1's results by target (<see cref="Target"/>).</summary>
    public Dictionary<string, Throughput> Throughput { get; } = [];

    /// <summary>Gets Phase 1's per-stage breakdown of the integrated (chunked) pipeline, by implementation.</summary>
    public Dictionary<string, IntegratedBreakdown> Breakdown { get; } = [];

    /// <summary>Gets Phase 2's CPU profile of the naive pipeline, or null when profiling was unavailable.</summary>
    public CpuProfile? Profile { get; set; }

    /// <summary>Gets each naive stage's share of Phase 2's samples, in <see cref="Stages.All"/> order.</summary>
    public double[]? ProfileStageShares { get; set; }

    /// <summary>Gets the frames the naive pipeline processed while profiled.</summary>
    public long ProfiledFrames { get; set; }

    /// <summary>Gets why Phase 2 or the allocation call sites could not be profiled, when that happened.</summary>
    public string? ProfilingUnavailable { get; set; }

    /// <summary>Gets Phase 3's exact results by target.</summary>
    public Dictionary<string, AllocationReport> Allocations { get; } = [];

    /// <summary>Gets Phase 3's sampled allocated types of the naive stages and pipeline, with the frames run while sampling and the exact bytes of that run.</summary>
    public Dictionary<string, (RuntimeEventReport Report, long Frames, long ExactBytes)> SampledTypes { get; } = [];

    /// <summary>Gets Phase 3's allocation call sites of the naive pipeline, or null when profiling was unavailable.</summary>
    public AllocationProfile? AllocationSites { get; set; }

    public long AllocationSiteFrames { get; set; }

    /// <summary>Gets the fix's comparisons, naive (baseline) against optimized (candidate), by target.</summary>
    public Dictionary<string, Comparison> Comparisons { get; } = [];

    public StreamTarget Stream(bool optimized) => optimized ? OptimizedStream : NaiveStream;

    public static string Target(string implementation, string what) => $"{implementation} {what}";

    public Throughput Timed(string implementation, string what) => Throughput[Target(implementation, what)];

    public void Dispose()
    {
        Workload.Dispose();
        AllocationWorkload.Dispose();
        NaiveStream.Dispose();
        OptimizedStream.Dispose();
        UnprobedStream.Dispose();
        SmallBatchStream.Dispose();
        SpreadTableStream.Dispose();
    }
}
