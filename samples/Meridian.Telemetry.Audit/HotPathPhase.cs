using System.Text;
using Spectre.Console;

namespace Meridian.Telemetry.Audit;

/// <summary>
/// Phase 2, hot path. The flamegraph of the naive pipeline comes from Meridian.Perf.Profiling, which is not in this
/// build yet; until it is, this phase reports where the time goes by the pipelines' own per-stage measurement (two
/// timestamps and an allocation-counter read around every stage and batch), taken while Phase 1 ran them.
/// </summary>
internal sealed class HotPathPhase : IAuditPhase
{
    public string Title => "Phase 2: hot path";

    public int Steps => 1;

    public AuditSection Run(AuditContext context, Action advance)
    {
        var md = new StringBuilder();
        md.AppendLine("## Phase 2: hot path").AppendLine();
        md.AppendLine("**Flamegraph: not produced by this build.** It needs Meridian.Perf.Profiling (in-process EventPipe sampling), which has not landed yet; this phase will then write `flamegraph.svg` of the naive pipeline and list its top frames here.").AppendLine();
        md.AppendLine("Meanwhile, where the time goes according to the pipelines' own stage measurement (`TelemetryStatistics.ForStage`, published as `meridian.telemetry.stage.duration` and `.stage.allocated`), accumulated over all of Phase 1's pipeline runs:").AppendLine();
        md.AppendLine("| stage | naive share of time | naive ns/frame | naive B/frame | optimized share of time | optimized ns/frame | optimized B/frame |");
        md.AppendLine("|---|---|---|---|---|---|---|");
        var table = new Table().Title("Phase 2: share of pipeline time by stage (self-measured)").AddColumns("stage", "naive", "optimized");
        var naive = context.Workload.NaivePipeline.Statistics;
        var optimized = context.Workload.OptimizedPipeline.Statistics;
        double naiveTotal = Stages.All.Sum(s => naive.ForStage(s).Elapsed.TotalSeconds);
        double optimizedTotal = Stages.All.Sum(s => optimized.ForStage(s).Elapsed.TotalSeconds);
        foreach (var stage in Stages.All)
        {
            var n = naive.ForStage(stage);
            var o = optimized.ForStage(stage);
            double naiveShare = n.Elapsed.TotalSeconds / naiveTotal;
            double optimizedShare = o.Elapsed.TotalSeconds / optimizedTotal;
            md.AppendLine($"| {Stages.Name(stage)} | {Format.Percent(naiveShare)} | {Format.Nanoseconds(n.Elapsed.TotalNanoseconds / naive.FramesOffered)} | {Format.Bytes(Math.Round((double)n.AllocatedBytes / naive.FramesOffered, 2))} | {Format.Percent(optimizedShare)} | {Format.Nanoseconds(o.Elapsed.TotalNanoseconds / optimized.FramesOffered)} | {Format.Bytes(Math.Round((double)o.AllocatedBytes / optimized.FramesOffered, 2))} |");
            table.AddRow(Stages.Name(stage), Format.Percent(naiveShare), Format.Percent(optimizedShare));
        }

        md.AppendLine();
        md.AppendLine($"Frames offered to the pipelines during Phase 1: naive {naive.FramesOffered}, optimized {optimized.FramesOffered}. Per-frame figures here include warm-up runs and the self-measurement's own cost, so they are a breakdown, not a benchmark.").AppendLine();
        advance();
        return new AuditSection(md.ToString(), table);
    }
}
