using System.Diagnostics;
using System.Text;
using Meridian.Perf;
using Spectre.Console;

namespace Meridian.Telemetry.Audit;

/// <summary>
/// Phase 1, baseline: frames per second of every stage in isolation and of the integrated pipeline (chunks handed to
/// <c>ProcessChunk</c>, and a capture read from a stream through System.IO.Pipelines), naive and optimized, timed with
/// <see cref="Bench.Run(Action, BenchOptions?)"/>; then the gap between what the isolated stages predict and what the
/// integrated pipeline does, explained stage by stage with the pipeline's own stage measurement.
/// </summary>
internal sealed class BaselinePhase : IAuditPhase
{
    private static readonly TimeSpan BreakdownTime = TimeSpan.FromMilliseconds(200);

    public string Title => "Phase 1: baseline (Bench.Run)";

    public int Steps => (Stages.All.Length + 2) * 2;

    public AuditSection Run(AuditContext context, Action advance)
    {
        var workload = context.Workload;
        int batch = workload.BatchFrames;
        // A longer warm-up cap than the default: on a loaded machine the runtime's background tier-up is starved too.
        var options = new BenchOptions { Samples = context.Settings.BenchSamples, MaxWarmupTime = TimeSpan.FromSeconds(2) };
        foreach (bool optimized in new[] { false, true })
        {
            string implementation = Stages.Implementation(optimized);
            foreach (var stage in Stages.All)
            {
                Measure(context, implementation, Stages.Name(stage), () => BlackBox.Consume(workload.Run(optimized, stage)), batch, options);
                advance();
            }

            Measure(context, implementation, Stages.Chunked, () => BlackBox.Consume(workload.Pipeline(optimized)), batch, options);
            context.Breakdown[implementation] = Breakdown(workload, optimized);
            advance();

            var stream = context.Stream(optimized);
            Measure(context, implementation, Stages.Streamed, () => BlackBox.Consume(stream.Run()), stream.Frames, options);
            advance();
        }

        return Report(context);
    }

    private static void Measure(AuditContext context, string implementation, string what, Action body, int framesPerCall, BenchOptions options)
    {
        string key = AuditContext.Target(implementation, what);
        context.Throughput[key] = ThroughputMeter.Measure(key, body, framesPerCall, options);
    }

    // The pipeline's own per-stage figures over a short run of the already warmed-up chunked pipeline.
    private static IntegratedBreakdown Breakdown(StageWorkload workload, bool optimized)
    {
        var statistics = (optimized ? workload.OptimizedPipeline : workload.NaivePipeline).Statistics;
        var before = Stages.All.Select(statistics.ForStage).ToArray();
        long framesBefore = statistics.FramesOffered;
        long start = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(start) < BreakdownTime)
        {
            BlackBox.Consume(workload.Pipeline(optimized));
        }

        double total = Stopwatch.GetElapsedTime(start).TotalNanoseconds;
        long frames = statistics.FramesOffered - framesBefore;
        var after = Stages.All.Select(statistics.ForStage).ToArray();
        double[] ns = after.Select((a, i) => (a.Elapsed - before[i].Elapsed).TotalNanoseconds / frames).ToArray();
        double[] bytes = after.Select((a, i) => (double)(a.AllocatedBytes - before[i].AllocatedBytes) / frames).ToArray();
        return new IntegratedBreakdown(ns, bytes, total / frames, frames);
    }

    private static AuditSection Report(AuditContext context)
    {
        var settings = context.Settings;
        var first = context.Throughput.Values.First().Bench;
        var md = new StringBuilder();
        md.AppendLine("## Phase 1: baseline throughput").AppendLine();
        md.AppendLine($"Method: `Bench.Run` (Meridian.Perf's sampler) on every target: each body is called until the JIT has compiled nothing anywhere in the process for {first.Options.WarmupQuietPeriod.TotalMilliseconds:0} ms (at most {first.Options.MaxWarmupTime.TotalSeconds:0.#} s), which also calibrates how many calls make a batch of ~{first.Options.BatchTime.TotalMilliseconds:0} ms; then up to {first.Options.Samples} batches (at most {first.Options.MaxTime.TotalSeconds:0.#} s per target), each batch one sample of wall-clock time per call, the harness's own per-call cost (measured on an empty body, {Format.Nanoseconds(first.HarnessOverheadNanoseconds)}) subtracted. Every body passes its result to `BlackBox.Consume`, so the JIT cannot delete the work. A call processes a batch of frames, so frames/s = frames per call × 10⁹ / ns per call; the mean's 95 % confidence interval (Student t over the batches) is inverted the same way.").AppendLine();
        md.AppendLine($"**Which figure the targets are judged on:** the median batch (\"frames/s\"). This machine is shared (load average at start {context.Machine.LoadAverage}): a batch the scheduler interrupts only gets slower, never faster, so interrupted batches are slow outliers (counted by Tukey's fences, not dropped) that pull the mean and widen its interval while the median stays with the undisturbed batches as long as fewer than half are hit. Beside it, as a cross-check that the load does not move: after `Bench.Run`, the same body runs for another 25 batches' worth of calls with the thread's CPU time read around them (`clock_gettime(CLOCK_THREAD_CPUTIME_ID)`); \"thread CPU\" is that CPU time over the wall-clock time, \"CPU-time rate\" the frames over that CPU time. Near 100 % thread CPU the two rates agree and the wall-clock figures were barely disturbed; well below, more than half of the 2 ms batches can be interrupted, the median moves too, and the CPU-time rate says what the code does while it has a core. The targets stay on the wall-clock median because that is what Bench's statistics (and `Bench.Compare`'s verdicts) are about and what a service sees; the CPU-time rate is one reading without an interval.").AppendLine();
        md.AppendLine($"Stages in isolation get prepared input from `StageWorkload` (decode: raw bytes; validate: decoded frames; aggregate: validated frames; emit: the windows a batch closes), {context.Workload.BatchFrames} frames per call. \"{Stages.Chunked}\" hands the same batches of raw bytes to `ProcessChunk`; \"{Stages.Streamed}\" reads a {context.NaiveStream.Frames}-frame capture from a `MemoryStream` through `PipeReader` and completes it (the lines of windows still open included), as a service would. Both pipelines measure their own stages and publish metrics while timed, as in production.").AppendLine();
        md.AppendLine("| target | implementation | frames/s (median) | mean [95 % CI] | ns/frame (median) | batches × calls | slow outliers | thread CPU | CPU-time rate | gen-0 GCs per 10⁶ frames |");
        md.AppendLine("|---|---|---|---|---|---|---|---|---|---|");
        var table = new Table().Title("Phase 1: frames per second (Bench.Run median; mean 95 % CI)").AddColumns("target", "naive", "optimized", "speed-up");
        foreach (string what in Stages.Targets)
        {
            foreach (string implementation in Stages.Implementations)
            {
                var t = context.Timed(implementation, what);
                md.AppendLine($"| {what} | {implementation} | {Format.Rate(t.MedianRate)} | {Format.MeanWithInterval(t)} | {Format.Nanoseconds(t.NanosecondsPerFrame)} | {t.Bench.Samples} × {t.Bench.OperationsPerBatch} | {t.SlowOutliers} | {Format.Share(t.CpuShare)} | {(t.CpuTimeRate is { } r ? Format.Rate(r) : "n/a")} | {Format.Number(t.CollectionsPerMillionFrames)} |");
            }

            var naive = context.Timed("naive", what);
            var optimized = context.Timed("optimized", what);
            table.AddRow(
                what,
                $"{Format.Rate(naive.MedianRate)}\n[grey]{Markup.Escape($"[{Format.Rate(naive.RateInterval.Lower)} – {Format.Rate(naive.RateInterval.Upper)}]")}[/]",
                $"{Format.Rate(optimized.MedianRate)}\n[grey]{Markup.Escape($"[{Format.Rate(optimized.RateInterval.Lower)} – {Format.Rate(optimized.RateInterval.Upper)}]")}[/]",
                Format.Ratio(optimized.MedianRate / naive.MedianRate));
        }

        md.AppendLine();
        var warnings = context.Throughput.Values.SelectMany(t => t.Bench.Warnings.Select(w => $"{t.Target}: {w}")).ToList();
        md.AppendLine(warnings.Count == 0
            ? "Bench raised no warning on any target: every warm-up ended with the JIT quiet, and every body took longer than the harness's own call."
            : "Bench's warnings: " + string.Join(" ", warnings)).AppendLine();

        AppendGap(context, md);
        return new AuditSection(md.ToString(), table);
    }

    private static void AppendGap(AuditContext context, StringBuilder md)
    {
        md.AppendLine("### Isolated vs integrated").AppendLine();
        md.AppendLine("If every stage cost inside the pipeline what it costs alone, the pipeline would need Σ (stage ns/frame) per frame, i.e. run at 1 / Σ(1 / stage rate). The table puts each stage's isolated time (Bench median) beside its time inside the integrated chunked pipeline, measured by the pipeline itself (`TelemetryStatistics.ForStage`: a timestamp and an exact allocation-counter read around each stage and batch) over a further run of the warmed-up pipeline; what is left is the work between the stages, then the stream ingestion.").AppendLine();
        var summaries = new List<string>();
        foreach (string implementation in Stages.Implementations)
        {
            var breakdown = context.Breakdown[implementation];
            var chunked = context.Timed(implementation, Stages.Chunked);
            var streamed = context.Timed(implementation, Stages.Streamed);
            double[] isolated = Stages.All.Select(s => context.Timed(implementation, Stages.Name(s)).NanosecondsPerFrame).ToArray();
            double predictedNs = isolated.Sum();
            double between = breakdown.TotalNanosecondsPerFrame - breakdown.StagesNanosecondsPerFrame;
            double ingestion = streamed.NanosecondsPerFrame - chunked.NanosecondsPerFrame;

            md.AppendLine($"**{implementation}** (breakdown over {breakdown.Frames} frames)").AppendLine();
            md.AppendLine("| part | isolated ns/frame | inside the pipeline ns/frame | difference | inside the pipeline B/frame |");
            md.AppendLine("|---|---|---|---|---|");
            var parts = new List<(string Part, double Difference)>();
            for (int i = 0; i < Stages.All.Length; i++)
            {
                string name = Stages.Name(Stages.All[i]);
                double difference = breakdown.NanosecondsPerFrame[i] - isolated[i];
                parts.Add(($"{name} costs {Format.Nanoseconds(Math.Abs(difference))} per frame {(difference >= 0 ? "more" : "less")} inside the pipeline than alone", difference));
                md.AppendLine($"| {name} | {Format.Nanoseconds(isolated[i])} | {Format.Nanoseconds(breakdown.NanosecondsPerFrame[i])} | {Format.SignedNanoseconds(difference)} | {Format.Bytes(Math.Round(breakdown.BytesPerFrame[i], 2))} |");
            }

            md.AppendLine($"| between the stages (driver loop{(implementation == "naive" ? ", copy of each chunk to an array, per-batch lists" : string.Empty)}, stage probes) | 0 | {Format.Nanoseconds(between)} | {Format.SignedNanoseconds(between)} | |");
            md.AppendLine($"| **chunked pipeline** | Σ {Format.Nanoseconds(predictedNs)} → {Format.Rate(1e9 / predictedNs)} | {Format.Nanoseconds(breakdown.TotalNanosecondsPerFrame)} in this run; Bench median {Format.Nanoseconds(chunked.NanosecondsPerFrame)} → {Format.Rate(chunked.MedianRate)} | {Format.SignedNanoseconds(chunked.NanosecondsPerFrame - predictedNs)} | |");
            md.AppendLine($"| stream ingestion (`PipeReader` over a `MemoryStream`, completing the open windows), Bench stream − chunks | 0 | {Format.Nanoseconds(ingestion)} | {Format.SignedNanoseconds(ingestion)} | |");
            double gap = (streamed.MedianRate / (1e9 / predictedNs)) - 1;
            md.AppendLine($"| **streamed pipeline** | Σ {Format.Nanoseconds(predictedNs)} → {Format.Rate(1e9 / predictedNs)} | Bench median {Format.Nanoseconds(streamed.NanosecondsPerFrame)} → {Format.Rate(streamed.MedianRate)} | {Format.SignedNanoseconds(streamed.NanosecondsPerFrame - predictedNs)} ({Format.SignedPercent(gap)} frames/s) | |");
            md.AppendLine();

            parts.Add(($"the work between the stages adds {Format.Nanoseconds(between)} per frame", between));
            parts.Add((ingestion >= 0 ? $"stream ingestion adds {Format.Nanoseconds(ingestion)} per frame" : $"the streamed runs take {Format.Nanoseconds(-ingestion)} per frame less than the chunked ones", ingestion));
            var largest = parts.OrderByDescending(p => Math.Abs(p.Difference)).Take(2).Select(p => p.Part);
            string cpuCheck = string.Empty;
            if (streamed.CpuTimeRate is { } streamedCpu && Stages.All.All(st => context.Timed(implementation, Stages.Name(st)).CpuTimeRate is not null))
            {
                double predictedCpu = 1 / Stages.All.Sum(st => 1 / context.Timed(implementation, Stages.Name(st)).CpuTimeRate!.Value);
                cpuCheck = $"By CPU-time rates, which the load disturbs less: {Format.Rate(streamedCpu)} streamed against {Format.Rate(predictedCpu)} predicted from the isolated stages, {Format.SignedPercent((streamedCpu / predictedCpu) - 1)}. ";
            }

            summaries.Add($"**{implementation}**: {cpuCheck}By wall-clock medians: {Format.Rate(streamed.MedianRate)} streamed against {Format.Rate(1e9 / predictedNs)} predicted, {Format.SignedPercent(gap)}; the largest per-frame differences in the table: {string.Join("; ", largest)}. GC while sampling the streamed pipeline: {Format.Number(streamed.CollectionsPerMillionFrames)} gen-0 collections per million frames, {Format.Nanoseconds(streamed.GcPauseNanosecondsPerFrame)} of pause per frame (stages alone: {Format.Number(Stages.All.Max(s => context.Timed(implementation, Stages.Name(s)).CollectionsPerMillionFrames))} at most).");
        }

        md.AppendLine("What the measurements say about the gap:").AppendLine();
        foreach (string summary in summaries)
        {
            md.AppendLine($"- {summary}");
        }

        md.AppendLine();
        var shares = context.Throughput.Values.Where(t => t.CpuShare is not null).Select(t => t.CpuShare!.Value).ToList();
        if (shares.Count > 0)
        {
            md.AppendLine($"How far to trust the differences: the measuring thread had a core for {Format.Percent(shares.Min())} to {Format.Percent(shares.Max())} of the wall-clock time of Phase 1's runs. Each target is timed in its own run, so a difference between two rows also contains whatever the machine did between the runs; where the thread had a core much less than all of the time, read the CPU-time rates beside the medians, and take the interleaved `Bench.Compare` verdicts of the fix as the statistically checked differences.").AppendLine();
        }
    }
}
