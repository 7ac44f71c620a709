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

    public int Steps => ((Stages.All.Length + 2) * 2) + 4;

    /// <summary>The key of the stage probes' comparison in <see cref="AuditContext.Comparisons"/>.</summary>
    public const string ProbesKey = "stage probes on → off";

    /// <summary>The key of the batch-size (cache) comparison in <see cref="AuditContext.Comparisons"/>.</summary>
    public const string BatchKey = "batches of 1024 → 64 frames";

    /// <summary>The key of the per-sensor table comparison in <see cref="AuditContext.Comparisons"/>.</summary>
    public const string TableKey = "per-sensor index for the capture's sensors → 32 times as many";

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

        var reference = context.Reference;
        context.Throughput[Stages.Reference] = ThroughputMeter.Measure(Stages.Reference, () => BlackBox.Consume(reference.Run()), reference.Frames, options);
        advance();

        // What the pipeline's own stage measurement costs: the same streamed pipeline with the probes switched off.
        context.Comparisons[ProbesKey] = Bench.Compare(
            () => BlackBox.Consume(context.OptimizedStream.Run()),
            () => BlackBox.Consume(context.UnprobedStream.Run()));
        advance();

        // A cache effect between the stages: the same pipeline (probes off) with batches small enough to stay in L1.
        context.Comparisons[BatchKey] = Bench.Compare(
            () => BlackBox.Consume(context.UnprobedStream.Run()),
            () => BlackBox.Consume(context.SmallBatchStream.Run()));
        advance();

        // A memory effect of the per-sensor table: the same pipeline (probes off) with its hash index spread over more memory.
        context.Comparisons[TableKey] = Bench.Compare(
            () => BlackBox.Consume(context.UnprobedStream.Run()),
            () => BlackBox.Consume(context.SpreadTableStream.Run()));
        advance();
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
        md.AppendLine($"**What these figures are for:** they are measurements of this machine under its load, not targets; the targets are ratios judged from the interleaved comparisons of \"The fix\". The figure given is the median batch (\"frames/s\"). This machine is shared (load average at start {context.Machine.LoadAverage}): a batch the scheduler interrupts only gets slower, never faster, so interrupted batches are slow outliers (counted by Tukey's fences, not dropped) that pull the mean and widen its interval while the median stays with the undisturbed batches as long as fewer than half are hit. Beside it, as a cross-check that the load did not move it: after `Bench.Run`, the same body runs for another 25 batches' worth of calls under `PerfStat.Measure` (Meridian.Perf's in-process `perf stat`), which reads the thread's CPU time; \"thread CPU\" is that CPU time over the wall-clock time, \"CPU-time rate\" the frames over that CPU time. Near 100 % thread CPU the two rates agree; well below, more than half of the 2 ms batches can be interrupted, the median moves too, and the CPU-time rate says what the code does while it has a core.").AppendLine();
        md.AppendLine($"Stages in isolation get prepared input from `StageWorkload` (decode: raw bytes; validate: decoded frames; aggregate: validated frames; emit: the windows a batch closes), {context.Workload.BatchFrames} frames per call. \"{Stages.Chunked}\" hands the same batches of raw bytes to `ProcessChunk`; \"{Stages.Streamed}\" reads a {context.NaiveStream.Frames}-frame capture from a `MemoryStream` through `PipeReader` and completes it (the lines of windows still open included), as a service would. Both pipelines measure their own stages and publish metrics while timed, as in production.").AppendLine();
        md.AppendLine("| target | implementation | frames/s (median) | mean [95 % CI] | ns/frame (median) | batches × calls | slow outliers | thread CPU | CPU-time rate | gen-0 GCs per 10⁶ frames | settled |");
        md.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|");
        var table = new Table().Title("Phase 1: frames per second (Bench.Run median; mean 95 % CI)").AddColumns("target", "naive", "optimized", "speed-up");
        foreach (string what in Stages.Targets)
        {
            foreach (string implementation in Stages.Implementations)
            {
                var t = context.Timed(implementation, what);
                md.AppendLine($"| {what} | {implementation} | {Format.Rate(t.MedianRate)} | {Format.MeanWithInterval(t)} | {Format.Nanoseconds(t.NanosecondsPerFrame)} | {t.Bench.Samples} × {t.Bench.OperationsPerBatch} | {t.SlowOutliers} | {Format.Share(t.CpuShare)} | {(t.CpuTimeRate is { } r ? Format.Rate(r) : "n/a")} | {Format.Number(t.CollectionsPerMillionFrames)} | {Settled(t)} |");
            }

            var naive = context.Timed("naive", what);
            var optimized = context.Timed("optimized", what);
            table.AddRow(
                what,
                $"{Format.Rate(naive.MedianRate)}\n[grey]{Markup.Escape($"[{Format.Rate(naive.RateInterval.Lower)} – {Format.Rate(naive.RateInterval.Upper)}]")}[/]",
                $"{Format.Rate(optimized.MedianRate)}\n[grey]{Markup.Escape($"[{Format.Rate(optimized.RateInterval.Lower)} – {Format.Rate(optimized.RateInterval.Upper)}]")}[/]",
                Format.Ratio(optimized.MedianRate / naive.MedianRate));
        }

        var machine = context.Throughput[Stages.Reference];
        md.AppendLine($"| {Stages.Reference} | machine | {Format.Rate(machine.MedianRate)} | {Format.MeanWithInterval(machine)} | {Format.Nanoseconds(machine.NanosecondsPerFrame)} | {machine.Bench.Samples} × {machine.Bench.OperationsPerBatch} | {machine.SlowOutliers} | {Format.Share(machine.CpuShare)} | {(machine.CpuTimeRate is { } referenceCpu ? Format.Rate(referenceCpu) : "n/a")} | {Format.Number(machine.CollectionsPerMillionFrames)} | {Settled(machine)} |");
        table.AddRow(Stages.Reference, string.Empty, Format.Rate(machine.MedianRate), string.Empty);
        md.AppendLine();
        md.AppendLine($"\"{Stages.Reference}\" is the machine's own ceiling for this job, measured the same way: the {context.Reference.Frames}-frame capture of the streamed runs read from a `MemoryStream` in reads of the pipelines' buffer size, every byte folded into one CRC-32C with the CPU's CRC instruction, and nothing else. Any pipeline that verifies the frames' checksums has to do at least this much; the fix below judges the optimized pipeline against it in an interleaved comparison.").AppendLine();
        md.AppendLine($"**Settled figures only.** A figure is settled when Bench raised no warning and its wall-clock median rate agrees with the CPU-time rate of the same body within the noise (twice the relative half-width of Bench's 95 % interval of the mean, at least {Format.Percent(ThroughputMeter.AgreementFloor)}); a target that is not settled is measured a second time, and if it is still not settled it is marked so and no conclusion below is drawn from it. This run: {context.Throughput.Values.Count(t => t.IsSettled)} of {context.Throughput.Count} settled, {context.Throughput.Values.Count(t => t.Attempts > 1)} measured twice.").AppendLine();
        var warnings = context.Throughput.Values.SelectMany(t => t.Bench.Warnings.Select(w => $"{t.Target}: {w}")).ToList();
        md.AppendLine(warnings.Count == 0
            ? "Bench raised no warning on any target: every warm-up ended with the JIT quiet, and every body took longer than the harness's own call."
            : "Bench's warnings: " + string.Join(" ", warnings)).AppendLine();

        AppendGap(context, md);
        return new AuditSection(md.ToString(), table);
    }

    private static string Settled(Throughput t) =>
        t.IsSettled ? (t.Attempts > 1 ? "yes (2nd attempt)" : "yes") : $"**no**: {t.Unsettled}";

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

            var unsettled = Stages.All.Select(st => context.Timed(implementation, Stages.Name(st))).Append(chunked).Append(streamed).Where(t => !t.IsSettled).Select(t => t.Target).ToList();
            if (unsettled.Count > 0)
            {
                summaries.Add($"**{implementation}**: not judged — {string.Join(", ", unsettled)} {(unsettled.Count == 1 ? "is" : "are")} not settled (see the table above); the differences in the table are measurements, not findings.");
                continue;
            }

            summaries.Add($"**{implementation}**: {cpuCheck}By wall-clock medians: {Format.Rate(streamed.MedianRate)} streamed against {Format.Rate(1e9 / predictedNs)} predicted, {Format.SignedPercent(gap)}; the largest per-frame differences in the table: {string.Join("; ", largest)}. GC while sampling the streamed pipeline: {Format.Number(streamed.CollectionsPerMillionFrames)} gen-0 collections per million frames, {Format.Nanoseconds(streamed.GcPauseNanosecondsPerFrame)} of pause per frame (stages alone: {Format.Number(Stages.All.Max(s => context.Timed(implementation, Stages.Name(s)).CollectionsPerMillionFrames))} at most).");
        }

        var probes = context.Comparisons[ProbesKey];
        int streamFrames = context.OptimizedStream.Frames;
        double probeNs = (probes.Baseline.Median - probes.Candidate.Median) / streamFrames;
        md.AppendLine($"**The stage probes' own cost**, measured by switching them off (`TelemetryPipelineOptions.MeasureStages = false`) in an interleaved `Bench.Compare` of the optimized streamed pipeline, probes on (baseline) against off (candidate): {probes.Verdict}, change {Format.Change(probes)}, p = {Format.PValue(probes.PValue)}; medians {Format.Nanoseconds(probes.Baseline.Median / streamFrames)} → {Format.Nanoseconds(probes.Candidate.Median / streamFrames)} per frame (the probes: two timestamps and two allocation-counter reads per stage and batch of up to {TelemetryPipelineOptions.Default.BatchCapacity} frames). {probes.Verdict switch
        {
            Verdict.NoChange => "Within the noise threshold: the integrated cost is not the measurement.",
            Verdict.Faster => $"Switching them off is measurably faster: {Format.Nanoseconds(probeNs)} per frame of the integrated cost is the measurement itself.",
            Verdict.Slower => "Switching them off measured slower, which the probes cannot cause: read it as the machine's noise.",
            _ => "Not decided at this load: no conclusion is drawn.",
        }}").AppendLine();
        var batches = context.Comparisons[BatchKey];
        int batchFrames = TelemetryPipelineOptions.Default.BatchCapacity;
        int frameSize = FrameFormat.FrameSize(context.Settings.Scenario.SamplesPerFrame);
        md.AppendLine($"**A cache effect between the stages**, measured by changing only the batch size: every stage runs over a whole batch before the next one starts, so with {batchFrames}-frame batches a stage hands the next one {Format.Bytes(batchFrames * frameSize)} of input bytes and {Format.Bytes(batchFrames * System.Runtime.CompilerServices.Unsafe.SizeOf<Meridian.Telemetry.Optimized.FrameRef>())} of decoded headers, more than a first-level data cache holds (32–48 KB on current x64 cores), which the next stage reads back from the second level; with {AuditContext.SmallBatchFrames}-frame batches ({Format.Bytes(AuditContext.SmallBatchFrames * frameSize)}) they stay in the first level. Interleaved `Bench.Compare` of the optimized streamed pipeline, probes off in both (they cost a fixed amount per batch), {batchFrames}-frame batches (baseline) against {AuditContext.SmallBatchFrames}-frame batches (candidate): {batches.Verdict}, change {Format.Change(batches)}, p = {Format.PValue(batches.PValue)}; medians {Format.Nanoseconds(batches.Baseline.Median / streamFrames)} → {Format.Nanoseconds(batches.Candidate.Median / streamFrames)} per frame. {batches.Verdict switch
        {
            Verdict.NoChange => "Within the noise threshold: handing the batches over through the second-level cache instead of the first costs the integrated pipeline nothing measurable here (net of the extra calls per frame that smaller batches make).",
            Verdict.Faster => $"Smaller batches are measurably faster: {Format.Nanoseconds((batches.Baseline.Median - batches.Candidate.Median) / streamFrames)} per frame of the integrated cost is the cache level the stages hand over through.",
            Verdict.Slower => $"Smaller batches are measurably slower: their per-batch costs (driver loop, more calls) outweigh what the first-level cache saves, so the default batch is not paying a cache penalty.",
            _ => "Not decided at this load: no conclusion is drawn.",
        }}").AppendLine();
        var table = context.Comparisons[TableKey];
        int sensors = context.Settings.Scenario.SensorCount;
        md.AppendLine($"**A memory effect of the per-sensor state**, measured by changing only where it lies: validate and aggregate each touch the state of every frame's sensor, found through a hash index. The states are stored densely, one after another in the order the sensors first appear (a few tens of KB for {sensors} sensors), and the index has 2 slots per expected sensor (8 B each); sized for {AuditContext.SpreadTableFactor} times the capture's sensors, the index spreads the same {sensors} lookups over {Format.Bytes(sensors * AuditContext.SpreadTableFactor * 2 * sizeof(ulong))} instead of {Format.Bytes(sensors * 2 * sizeof(ulong))}. Interleaved `Bench.Compare` of the optimized streamed pipeline, probes off in both, the index for the capture's sensors (baseline) against {AuditContext.SpreadTableFactor} times as many (candidate): {table.Verdict}, change {Format.Change(table)}, p = {Format.PValue(table.PValue)}; medians {Format.Nanoseconds(table.Baseline.Median / streamFrames)} → {Format.Nanoseconds(table.Candidate.Median / streamFrames)} per frame. {table.Verdict switch
        {
            Verdict.NoChange => "Within the noise threshold: with the states dense, where the index lies costs the integrated pipeline nothing measurable here.",
            Verdict.Slower => $"The spread index is measurably slower: {Format.Nanoseconds((table.Candidate.Median - table.Baseline.Median) / streamFrames)} per frame is the memory the lookups touch, so the table's size is part of the integrated cost.",
            Verdict.Faster => "The spread index measured faster, which touching more memory cannot cause: read it as the machine's noise.",
            _ => "Not decided at this load: no conclusion is drawn.",
        }}").AppendLine();
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
