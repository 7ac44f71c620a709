namespace Meridian.Telemetry.Audit;

/// <summary>Names used in tables.</summary>
internal static class Stages
{
    public static readonly PipelineStage[] All = [PipelineStage.Decode, PipelineStage.Validate, PipelineStage.Aggregate, PipelineStage.Emit];

    public const string Chunked = "pipeline (chunks)";

    public const string Streamed = "pipeline (stream)";

    public static string Name(PipelineStage stage) => stage.ToString().ToLowerInvariant();

    public static string Implementation(bool optimized) => optimized ? "optimized" : "naive";
}
