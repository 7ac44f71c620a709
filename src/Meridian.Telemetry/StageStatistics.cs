namespace Meridian.Telemetry;

/// <summary>What one stage of a pipeline cost so far, measured by the pipeline itself around every batch.</summary>
/// <param name="Stage">The stage.</param>
/// <param name="Batches">How many batches the stage ran.</param>
/// <param name="Items">How many items it processed (candidates for decode, frames for validate and aggregate, lines for emit).</param>
/// <param name="Elapsed">Wall-clock time spent in the stage (<see cref="System.Diagnostics.Stopwatch"/>).</param>
/// <param name="AllocatedBytes">Bytes the stage allocated on the pipeline's thread, exact (Meridian.Perf's <c>AllocationScope</c>).</param>
public readonly record struct StageStatistics(PipelineStage Stage, long Batches, long Items, TimeSpan Elapsed, long AllocatedBytes);
