using System.Diagnostics;
using System.Globalization;
using System.Text;
using Meridian.Perf;
using Meridian.Perf.Profiling;
using Spectre.Console;

namespace Meridian.Telemetry.Audit;

/// <summary>
/// Phase 2, hot path: the naive streamed pipeline under Meridian.Perf.Profiling's in-process sampler
/// (<see cref="CpuProfiler"/>), written as <c>flamegraph.svg</c> and <c>flamegraph.folded</c>, with the top frames by
/// self and inclusive samples and each stage's share set beside the pipeline's own stage measurement.
/// </summary>
internal sealed class HotPathPhase : IAuditPhase
{
    private const int TopFrames = 12;

    public string Title => "Phase 2: hot path (CpuProfiler)";

    public int Steps => 2;

    public static string FlamegraphFile => "flamegraph.svg";

    public static string FoldedFile => "flamegraph.folded";

    public AuditSection Run(AuditContext context, Action advance)
    {
        var stream = context.NaiveStream;
        long runs = 0;
        try
        {
            var duration = context.Settings.ProfileTime;
            context.Profile = CpuProfiler.Profile(() =>
            {
                var clock = Stopwatch.StartNew();
                while (clock.Elapsed < duration)
                {
                    BlackBox.Consume(stream.Run());
                    runs++;
                }
            });
        }
        catch (ProfilingUnavailableException error)
        {
            context.ProfilingUnavailable = error.Message;
        }

        advance();
        context.ProfiledFrames = runs * stream.Frames;
        if (context.Profile is { } profile)
        {
            Directory.CreateDirectory(context.Settings.OutputDirectory);
            profile.WriteFlamegraph(Path.Combine(context.Settings.OutputDirectory, FlamegraphFile), new FlamegraphOptions
            {
                Title = "Naive Meridian.Telemetry pipeline: CPU samples",
                Subtitle = string.Create(CultureInfo.InvariantCulture, $"{profile.SampleCount} samples of the workload thread over {profile.Duration.TotalMilliseconds:0} ms, {context.ProfiledFrames} frames read from a stream ({runs} runs of {stream.Frames}); EventPipe sample profiler, in process"),
            });
            profile.WriteFolded(Path.Combine(context.Settings.OutputDirectory, FoldedFile));
            context.ProfileStageShares = StageShares(profile);
        }

        advance();
        return Report(context);
    }

    private static AuditSection Report(AuditContext context)
    {
        var md = new StringBuilder();
        md.AppendLine("## Phase 2: hot path").AppendLine();
        if (context.Profile is not { } profile)
        {
            md.AppendLine($"**No flamegraph:** the process could not profile itself. {context.ProfilingUnavailable}").AppendLine();
            return new AuditSection(md.ToString(), null);
        }

        md.AppendLine($"Method: `CpuProfiler.Profile` (Meridian.Perf.Profiling) around {context.ProfiledFrames} frames of the naive pipeline read from a stream, as in Phase 1's \"{Stages.Streamed}\": the runtime's EventPipe sample profiler, in process, stops the workload thread about once a millisecond and records its managed stack; stacks are resolved by TraceEvent after the session ends. {profile.SampleCount} samples over {profile.Duration.TotalMilliseconds:0} ms (mean interval {profile.MeanSamplingInterval.TotalMilliseconds:0.00} ms); {profile.OutsideManagedSamples} found the thread outside managed code. Samples land on safe points, so a tight loop without calls may show as its caller or as `Thread.PollGC`. Profiler costs: {profile.Session}.").AppendLine();
        md.AppendLine($"![flamegraph of the naive pipeline]({FlamegraphFile})").AppendLine();
        md.AppendLine($"Files: [`{FlamegraphFile}`]({FlamegraphFile}) (open in a browser: hover for counts, click to zoom) and [`{FoldedFile}`]({FoldedFile}) (folded stacks for flamegraph.pl, inferno or speedscope).").AppendLine();

        md.AppendLine("### Where the naive pipeline's time goes, by stage").AppendLine();
        md.AppendLine("Each sample goes to the stage whose code is on its stack, beside the stage's share of the pipeline's own stage measurement (Phase 1's breakdown of the chunked pipeline): two independent methods, sampling with stacks and timestamps around each stage. The JIT inlines `NaiveAggregator.Add` into `NaivePipeline.Process` and `NaiveEmitter.Emit` into `NaivePipeline.Emit`, so a stage is recognised by the frames listed, the first one from the root deciding; samples in `NaivePipeline.Process` itself (inlined loops, list copies, the chunk's copy) and in the stream reader belong to no stage.").AppendLine();
        md.AppendLine("| stage | frames that mark it | samples | share of profile | share of self-measured stage time |");
        md.AppendLine("|---|---|---|---|---|");
        var breakdown = context.Breakdown["naive"];
        double stagesTotal = breakdown.StagesNanosecondsPerFrame;
        var table = new Table().Title("Phase 2: naive pipeline, share of CPU samples").AddColumns("stage / frame", "profile", "self-measured");
        var shares = context.ProfileStageShares!;
        for (int i = 0; i < Stages.All.Length; i++)
        {
            var stage = Stages.All[i];
            double measured = breakdown.NanosecondsPerFrame[i] / stagesTotal;
            string markers = string.Join(", ", Stages.NaiveMarkers(stage).Select(m => $"`{m.Replace("`", "'", StringComparison.Ordinal)}`"));
            md.AppendLine($"| {Stages.Name(stage)} | {markers} | {Math.Round(shares[i] * profile.TotalWeight)} | {Format.Percent(shares[i])} | {Format.Percent(measured)} |");
            table.AddRow(Stages.Name(stage), Format.Percent(shares[i]), Format.Percent(measured));
        }

        double outside = 1 - shares.Sum();
        md.AppendLine($"| no stage | | {Math.Round(outside * profile.TotalWeight)} | {Format.Percent(outside)} | (between the stages: {Format.Percent((breakdown.TotalNanosecondsPerFrame - stagesTotal) / breakdown.TotalNanosecondsPerFrame)} of the chunked run's time) |");

        md.AppendLine();
        md.AppendLine($"Top {TopFrames} frames by self samples (where the samples landed):").AppendLine();
        md.AppendLine("| self | share | frame |");
        md.AppendLine("|---|---|---|");
        var selfFrames = profile.TopBySelf(TopFrames);
        foreach (var frame in selfFrames)
        {
            md.AppendLine($"| {frame.SelfWeight:0} | {Format.Percent(frame.SelfShare)} | `{Escape(frame.Name)}` |");
        }

        md.AppendLine();
        double pollGc = profile.Frames.Where(f => f.Name.Contains("PollGC", StringComparison.Ordinal)).Sum(f => f.SelfShare);
        if (pollGc > 0)
        {
            md.AppendLine($"{Format.Percent(pollGc)} of the samples end in `Thread.PollGC`: the sampler can stop a thread only at a safe point, and code without one of its own (a memory copy helper, a tight loop) is caught at the next poll. Read such a sample as its caller's: in the flamegraph, the frame below it.").AppendLine();
        }

        md.AppendLine($"Top {TopFrames} frames by inclusive samples (themselves and what they call; the frames common to every stack, from the profiler's body down to the pipeline's `RunAsync`, come first):").AppendLine();
        md.AppendLine("| inclusive | share | frame |");
        md.AppendLine("|---|---|---|");
        foreach (var frame in profile.TopByInclusive(TopFrames))
        {
            md.AppendLine($"| {frame.InclusiveWeight:0} | {Format.Percent(frame.InclusiveShare)} | `{Escape(frame.Name)}` |");
        }

        md.AppendLine();
        foreach (var frame in selfFrames.Take(5))
        {
            table.AddRow(Markup.Escape(Shorten(frame.Name)), Format.Percent(frame.SelfShare), "self");
        }

        return new AuditSection(md.ToString(), table);
    }

    // Each stack's weight goes to the stage of the frame nearest the root that marks one.
    private static double[] StageShares(CpuProfile profile)
    {
        var shares = new double[Stages.All.Length];
        if (profile.TotalWeight <= 0)
        {
            return shares;
        }

        foreach (var stack in profile.Stacks)
        {
            foreach (string frame in stack.Frames)
            {
                int stage = Array.FindIndex(Stages.All, s => Stages.NaiveMarkers(s).Any(m => frame.Contains(m, StringComparison.Ordinal)));
                if (stage >= 0)
                {
                    shares[stage] += stack.Weight / profile.TotalWeight;
                    break;
                }
            }
        }

        return shares;
    }

    public static string Shorten(string frame)
    {
        int paren = frame.IndexOf('(', StringComparison.Ordinal);
        string name = paren > 0 ? frame[..paren] : frame;
        int bang = name.IndexOf('!', StringComparison.Ordinal);
        name = bang >= 0 ? name[(bang + 1)..] : name;
        return name.Length > 60 ? "…" + name[^59..] : name;
    }

    private static string Escape(string frame) => frame.Replace("|", "\\|", StringComparison.Ordinal).Replace("`", "'", StringComparison.Ordinal);
}
