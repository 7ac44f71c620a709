using System.Text;
using Meridian.Perf;
using Spectre.Console;

namespace Meridian.Telemetry.Audit;

/// <summary>
/// Phase 3, allocations: exact bytes per frame of every stage and of the pipeline, naive and optimized, counted with
/// <see cref="Allocations.Measure{TState}(TState, Action{TState}, AllocationOptions?)"/> over batches of
/// <see cref="AuditContext.AllocationBatchFrames"/> frames.
/// </summary>
internal sealed class AllocationPhase : IAuditPhase
{
    private static readonly AllocationOptions Options = new() { WarmupCalls = 5, Windows = 5, CallsPerWindow = 20 };

    public string Title => "Phase 3: allocations per frame";

    public int Steps => (Stages.All.Length + 1) * 2;

    public AuditSection Run(AuditContext context, Action advance)
    {
        var workload = context.AllocationWorkload;
        foreach (bool optimized in new[] { false, true })
        {
            string implementation = Stages.Implementation(optimized);
            foreach (var stage in Stages.All)
            {
                context.Allocations[AuditContext.Target(implementation, Stages.Name(stage))] =
                    Allocations.Measure((workload, optimized, stage), static s => BlackBox.Consume(s.workload.Run(s.optimized, s.stage)), Options);
                advance();
            }

            context.Allocations[AuditContext.Target(implementation, Stages.Chunked)] =
                Allocations.Measure((workload, optimized), static s => BlackBox.Consume(s.workload.Pipeline(s.optimized)), Options);
            advance();
        }

        return Report(context);
    }

    public static double? BytesPerFrame(AllocationReport report) => report.BytesPerCall / AuditContext.AllocationBatchFrames;

    private static AuditSection Report(AuditContext context)
    {
        int batch = AuditContext.AllocationBatchFrames;
        var md = new StringBuilder();
        md.AppendLine("## Phase 3: allocations per frame").AppendLine();
        var sample = context.Allocations.Values.First();
        md.AppendLine($"Method: `Allocations.Measure` (Meridian.Perf), exact bytes from `GC.GetAllocatedBytesForCurrentThread`: {Options.WarmupCalls} warm-up calls, then {Options.Windows} windows of {Options.CallsPerWindow} calls, each call one batch of {batch} frames of fresh steady-state input; the figure is the smallest window's bytes per call, divided by {batch} for bytes per frame. {sample.Mode}").AppendLine();
        md.AppendLine($"| target | naive B/frame | naive B per {batch}-frame batch | optimized B/frame | optimized B per batch |");
        md.AppendLine("|---|---|---|---|---|");
        var table = new Table().Title("Phase 3: bytes allocated per frame (exact)").AddColumns("target", "naive", "optimized");
        foreach (string what in Stages.All.Select(Stages.Name).Append(Stages.Chunked))
        {
            var naive = context.Allocations[AuditContext.Target("naive", what)];
            var optimized = context.Allocations[AuditContext.Target("optimized", what)];
            md.AppendLine($"| {(what == Stages.Chunked ? "pipeline" : what)} | {PerFrame(naive)} | {PerCall(naive)} | {PerFrame(optimized)} | {PerCall(optimized)} |");
            table.AddRow(what == Stages.Chunked ? "pipeline" : what, PerFrame(naive), PerFrame(optimized));
        }

        md.AppendLine();
        md.AppendLine("Allocated types are not sampled by this build: that comes with Meridian.Perf's runtime-event recorder and profiling. The naive stages' sources are visible in their code: a `MemoryStream`, `BinaryReader`, byte copy and samples array per frame (decode), a LINQ closure and enumerator per frame and an exception per rejected frame (validate), per-window `List<float>` growth and a result list per frame (aggregate), an interpolated string and its UTF-8 array per line (emit).").AppendLine();
        return new AuditSection(md.ToString(), table);
    }

    private static string PerFrame(AllocationReport report) =>
        BytesPerFrame(report) is { } bytes ? Format.Bytes(Math.Round(bytes, 2)) : $"unreliable: {report.UnreliableReason}";

    private static string PerCall(AllocationReport report) =>
        report.BytesPerCall is { } bytes ? Format.Bytes(bytes) : "unreliable";
}
