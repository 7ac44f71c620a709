using System.Buffers;
using System.Text;
using Spectre.Console;

namespace Meridian.Telemetry.Audit;

/// <summary>
/// Phase 1, baseline: frames per second of every stage in isolation and of the integrated pipeline (chunks handed to
/// <c>ProcessChunk</c>, and a whole capture read from a stream through System.IO.Pipelines), naive and optimized; then
/// the gap between what the isolated stages predict and what the integrated pipeline does.
/// </summary>
internal sealed class BaselinePhase : IAuditPhase
{
    public string Title => "Phase 1: baseline throughput";

    public int Steps => (Stages.All.Length + 2) * 2;

    public AuditSection Run(AuditContext context, Action advance)
    {
        var workload = context.Workload;
        int batch = workload.BatchFrames;
        foreach (bool optimized in new[] { false, true })
        {
            string implementation = Stages.Implementation(optimized);
            foreach (var stage in Stages.All)
            {
                Measure(context, implementation, Stages.Name(stage), () => workload.Run(optimized, stage), batch);
                advance();
            }

            Measure(context, implementation, Stages.Chunked, () => workload.Pipeline(optimized), batch);
            advance();

            var pipeline = optimized ? workload.OptimizedPipeline : workload.NaivePipeline;
            var output = new ArrayBufferWriter<byte>(workload.FrameCount * 64);
            Measure(context, implementation, Stages.Streamed, () => RunStream(pipeline, workload.Capture, output), workload.FrameCount);
            advance();
        }

        return Report(context);
    }

    private static int RunStream(ITelemetryPipeline pipeline, byte[] capture, ArrayBufferWriter<byte> output)
    {
        pipeline.ResetSensors();
        output.ResetWrittenCount();
        using var stream = new MemoryStream(capture, writable: false);
        // MemoryStream completes every read synchronously, so this blocks on nothing.
        pipeline.RunAsync(stream, output).AsTask().GetAwaiter().GetResult();
        return output.WrittenCount;
    }

    private static void Measure(AuditContext context, string implementation, string what, Func<int> call, int framesPerCall)
    {
        string key = AuditContext.Target(implementation, what);
        context.Throughput[key] = context.Meter.Measure(key, call, framesPerCall);
    }

    private static AuditSection Report(AuditContext context)
    {
        var table = new Table().Title("Phase 1: frames per second, median (min – max)").AddColumns("target", "naive", "optimized", "optimized ns/frame", "speed-up");
        var md = new StringBuilder();
        md.AppendLine("## Phase 1: baseline throughput").AppendLine();
        md.AppendLine($"Method: {context.Meter.Method}").AppendLine();
        md.AppendLine($"Stages in isolation get prepared input from `StageWorkload` (decode: raw bytes; validate: decoded frames; aggregate: validated frames; emit: the windows a batch closes), {context.Workload.BatchFrames} frames per call. ");
        md.AppendLine($"\"pipeline (chunks)\" hands the same batches to `ProcessChunk`; \"pipeline (stream)\" reads the whole {context.Workload.FrameCount}-frame capture from a `MemoryStream` through `PipeReader` and completes it (lines of the windows still open included), as a service would. Both pipelines measure their own stages and publish metrics while timed, as in production.").AppendLine();
        md.AppendLine("| target | naive frames/s | optimized frames/s | naive ns/frame | optimized ns/frame | speed-up | wall-clock medians, naive → optimized |");
        md.AppendLine("|---|---|---|---|---|---|---|");
        foreach (string what in Stages.All.Select(Stages.Name).Append(Stages.Chunked).Append(Stages.Streamed))
        {
            var naive = context.Throughput[AuditContext.Target("naive", what)];
            var optimized = context.Throughput[AuditContext.Target("optimized", what)];
            string speedup = Format.Ratio(optimized.Median / naive.Median);
            md.AppendLine($"| {what} | {Format.Range(naive)} | {Format.Range(optimized)} | {Format.Nanoseconds(naive.NanosecondsPerFrame)} | {Format.Nanoseconds(optimized.NanosecondsPerFrame)} | {speedup} | {Format.Rate(naive.WallMedian)} → {Format.Rate(optimized.WallMedian)} |");
            table.AddRow(what, Format.Range(naive), Format.Range(optimized), Format.Nanoseconds(optimized.NanosecondsPerFrame), speedup);
        }

        md.AppendLine();
        md.AppendLine("### Isolated vs integrated").AppendLine();
        md.AppendLine("If the stages cost in the pipeline what they cost alone, the pipeline would run at 1 / Σ(1 / stage rate). The difference is what integration adds (copying buffers, the driver loop, stage self-measurement, ingestion) or saves (a frame decoded is still in cache when it is validated and aggregated).").AppendLine();
        md.AppendLine("| implementation | predicted from isolated stages | integrated (chunks) | integrated (stream) | integrated (stream) vs predicted |");
        md.AppendLine("|---|---|---|---|---|");
        foreach (string implementation in new[] { "naive", "optimized" })
        {
            double nsPerFrame = Stages.All.Sum(s => context.Throughput[AuditContext.Target(implementation, Stages.Name(s))].NanosecondsPerFrame);
            double predicted = 1e9 / nsPerFrame;
            var chunked = context.Throughput[AuditContext.Target(implementation, Stages.Chunked)];
            var streamed = context.Throughput[AuditContext.Target(implementation, Stages.Streamed)];
            double gap = (streamed.Median / predicted) - 1;
            md.AppendLine($"| {implementation} | {Format.Rate(predicted)} | {Format.Rate(chunked.Median)} | {Format.Rate(streamed.Median)} | {(gap >= 0 ? "+" : string.Empty)}{Format.Percent(gap)} |");
        }

        md.AppendLine();
        return new AuditSection(md.ToString(), table);
    }
}
