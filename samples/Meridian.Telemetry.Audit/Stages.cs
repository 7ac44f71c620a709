namespace Meridian.Telemetry.Audit;

/// <summary>Names used in tables and as keys.</summary>
internal static class Stages
{
    public static readonly PipelineStage[] All = [PipelineStage.Decode, PipelineStage.Validate, PipelineStage.Aggregate, PipelineStage.Emit];

    public const string Chunked = "pipeline (chunks)";

    public const string Streamed = "pipeline (stream)";

    /// <summary>The in-run machine reference (<see cref="MachineReference"/>).</summary>
    public const string Reference = "read + CRC-32C (machine reference)";

    public static readonly string[] Implementations = ["naive", "optimized"];

    /// <summary>Gets every target Phase 1 times: the four stages, then the two forms of the integrated pipeline.</summary>
    public static IEnumerable<string> Targets => All.Select(Name).Append(Chunked).Append(Streamed);

    public static string Name(PipelineStage stage) => stage.ToString().ToLowerInvariant();

    public static string Implementation(bool optimized) => optimized ? "optimized" : "naive";

    /// <summary>
    /// Gets the frames that mark a naive stage's code in a CPU profile's stacks. The JIT inlines the small ones
    /// (<c>NaiveAggregator.Add</c> into <c>NaivePipeline.Process</c>, <c>NaiveEmitter.Emit</c> into
    /// <c>NaivePipeline.Emit</c>), so a stage is also recognised by the pipeline method that wraps it or by the library
    /// code only it calls (LINQ <c>Min</c>/<c>Max</c>/<c>Average</c>, <c>List&lt;float&gt;</c> and the list of closed
    /// windows for the aggregator). <c>NaivePipeline.Complete</c> emits the last windows (with <c>Emit</c> inlined into
    /// it) after closing them in <c>NaiveAggregator.CloseAll</c>: the deepest marker on a stack decides.
    /// </summary>
    public static string[] NaiveMarkers(PipelineStage stage) => stage switch
    {
        PipelineStage.Decode => ["NaiveDecoder.", "NaiveCrc32C."],
        PipelineStage.Validate => ["NaiveValidator."],
        PipelineStage.Aggregate => ["NaiveAggregator.", "Enumerable.MinFloat", "Enumerable.MaxFloat", "Enumerable.Average", "List`1[System.Single]", "List`1[Meridian.Telemetry.WindowAggregate]"],
        _ => ["NaivePipeline.Emit(", "NaiveEmitter.", "NaivePipeline.Complete("],
    };
}
