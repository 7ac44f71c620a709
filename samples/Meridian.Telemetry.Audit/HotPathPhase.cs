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

    // A quarter of the default interval: about 6 000 samples of the naive pipeline in the default 1.5 s, so that a stage
    // of a few percent holds a hundred samples.
    private static readonly TimeSpan SamplingInterval = TimeSpan.FromMicroseconds(250);

    // The pipeline's own stage times over the profiled runs (TelemetryStatistics.ForStage), as shares of the body's time.
    private double[]? _measuredShares;

    public string Title => "Phase 2: hot path (CpuProfiler)";

    public int Steps => 2;

    public static string FlamegraphFile => "flamegraph.svg";

    public static string FoldedFile => "flamegraph.folded";

    /// <summary>Gets the differential flamegraph of the fix: the optimized pipeline's stages against the naive one's.</summary>
    public static string DifferentialFile => "flamegraph.fix.diff.svg";

    // The fix's differential flamegraph compares parts both pipelines have as frames. The JIT may inline the first three
    // stages into the driver (the optimized pipeline's were inlined into ProcessChunk until ImprovementPath's step 10),
    // and then only their sum has frames of its own, so they are one part in both.
    private const string FirstStages = "decode + validate + aggregate";
    private const string EmitPart = "emit";
    private const string StreamPart = "reading the stream";
    private const string DriverPart = "pipeline driver (no stage)";

    private static string NaivePart(StackSample stack, List<(int Start, int Stop, PipelineStage Stage)> regions) =>
        NaiveStage(stack, regions) switch
        {
            < 0 => OtherPart(stack.Frames),
            var stage => Stages.All[stage] == PipelineStage.Emit ? EmitPart : FirstStages,
        };

    private static string OptimizedPart(StackSample stack)
    {
        var frames = stack.Frames;
        string[] emit = ["Optimized.LineProtocolEmitter.", "Optimized.ShortestFloatFormatter.", "Optimized.DecimalDigits."];
        string[] first = ["Optimized.OptimizedPipeline.ProcessChunk(", "Optimized.FrameDecoder.", "Optimized.FrameValidator.", "Optimized.WindowAggregator."];
        for (int f = frames.Count - 1; f >= 0; f--)
        {
            if (emit.Any(m => frames[f].Contains(m, StringComparison.Ordinal)))
            {
                return EmitPart;
            }

            if (first.Any(m => frames[f].Contains(m, StringComparison.Ordinal)))
            {
                return FirstStages;
            }
        }

        return OtherPart(frames);
    }

    private static string OtherPart(IReadOnlyList<string> frames) =>
        frames.Any(f => f.Contains("StreamPipeReader", StringComparison.Ordinal) || f.Contains("MemoryStream", StringComparison.Ordinal)) ? StreamPart : DriverPart;

    private static readonly string[] WorkLabels = ["[GC]", "[allocation]", "[GC write barrier]"];

    /// <summary>
    /// Profiles the optimized streamed pipeline as Phase 2 profiled the naive one and writes the fix's differential
    /// flamegraph (<see cref="StackProfile.WriteDifferentialFlamegraph"/>'s colouring through
    /// <see cref="FlamegraphSvgWriter.WriteDifferential(TextWriter, IEnumerable{StackSample}, IEnumerable{StackSample}, FlamegraphOptions?)"/>):
    /// both profiles reduced to the same frames, pipeline → part → what the samples did (the part's code, or the
    /// runtime's <c>[GC]</c>, <c>[allocation]</c>, <c>[GC write barrier]</c> on its behalf), so that a frame's colour is
    /// the change of its share of the run. Returns the section's Markdown; empty when profiling is unavailable.
    /// </summary>
    public static string FixDifferential(AuditContext context)
    {
        if (context.Profile is not { } naive)
        {
            return string.Empty;
        }

        var stream = context.OptimizedStream;
        CpuProfile optimized;
        try
        {
            var duration = context.Settings.ProfileTime / 2;
            optimized = CpuProfiler.Profile(
                () =>
                {
                    var clock = Stopwatch.StartNew();
                    while (clock.Elapsed < duration)
                    {
                        BlackBox.Consume(stream.Run());
                    }
                },
                new ProfilerOptions { SamplingInterval = SamplingInterval });
        }
        catch (ProfilingUnavailableException error)
        {
            return $"No differential flamegraph: {error.Message}" + Environment.NewLine + Environment.NewLine;
        }

        var regions = ProbeRegions();
        var before = ByPart(naive, stack => NaivePart(stack, regions));
        var after = ByPart(optimized, OptimizedPart);
        using (var writer = new StreamWriter(Path.Combine(context.Settings.OutputDirectory, DifferentialFile)))
        {
            FlamegraphSvgWriter.WriteDifferential(writer, before, after, new FlamegraphOptions
            {
                Title = "The fix: optimized pipeline by part, coloured by the change from the naive pipeline",
                Subtitle = string.Create(CultureInfo.InvariantCulture, $"widths: the optimized pipeline's {optimized.SampleCount} CPU samples; red: larger share of the run than in the naive pipeline's {naive.SampleCount}, blue: smaller; {SamplerName(optimized)}"),
            });
        }

        var md = new StringBuilder();
        md.AppendLine("### Where the time went, before and after").AppendLine();
        md.AppendLine(string.Create(CultureInfo.InvariantCulture, $"Method: the optimized streamed pipeline profiled as Phase 2 profiled the naive one (`CpuProfiler.Profile`, {SamplerName(optimized)}, {optimized.SampleCount} samples over {optimized.Duration.TotalMilliseconds:0} ms), both profiles reduced to pipeline → part → what the samples did (the part's own code, or `[GC]`, `[allocation]`, `[GC write barrier]` on its behalf; the naive pipeline's samples assigned to stages as in Phase 2), drawn as one differential flamegraph (`FlamegraphSvgWriter.WriteDifferential`, as `StackProfile.WriteDifferentialFlamegraph` draws whole profiles): the optimized pipeline's shape, each frame red where its share of the run grew and blue where it shrank. The parts are frames both pipelines have: the optimized pipeline inlines its decoder, validator and aggregator into `ProcessChunk`, so those three stages are one part (\"{FirstStages}\"), then emit, reading the stream, and the driver's own code; so the colours compare like with like; shares, not times: the optimized run is {context.Comparisons.GetValueOrDefault(Stages.Streamed)?.Speedup.ToString("0.0", CultureInfo.InvariantCulture) ?? "many"}× faster overall.")).AppendLine();
        md.AppendLine($"![differential flamegraph of the fix]({DifferentialFile})").AppendLine();
        md.AppendLine("| frame | naive share | optimized share | change |");
        md.AppendLine("|---|---|---|---|");
        foreach (var (frame, share) in Shares(after).OrderByDescending(pair => pair.Value))
        {
            double old = Shares(before).GetValueOrDefault(frame);
            md.AppendLine($"| `{frame}` | {Format.Percent(old)} | {Format.Percent(share)} | {Points(share - old)} |");
        }

        foreach (var (frame, old) in Shares(before).Where(pair => !Shares(after).ContainsKey(pair.Key)).OrderByDescending(pair => pair.Value))
        {
            md.AppendLine($"| `{frame}` | {Format.Percent(old)} | 0 % (gone) | {Points(-old)} |");
        }

        md.AppendLine();
        return md.ToString();
    }

    // pipeline → part → the part's own code, or the runtime's work label of the leaf.
    private static List<StackSample> ByPart(CpuProfile profile, Func<StackSample, string> part)
    {
        var merged = new Dictionary<string, (string[] Frames, double Weight)>(StringComparer.Ordinal);
        foreach (var stack in profile.Stacks)
        {
            string stage = part(stack);
            string leaf = stack.Frames.Count > 0 && WorkLabels.Contains(stack.Frames[^1]) ? stack.Frames[^1] : $"{stage}: its code";
            string[] frames = ["streamed pipeline", stage, leaf];
            string key = string.Join(";", frames);
            merged[key] = merged.TryGetValue(key, out var existing) ? (frames, existing.Weight + stack.Weight) : (frames, stack.Weight);
        }

        return [.. merged.Values.Select(entry => new StackSample(entry.Frames, entry.Weight))];
    }

    // Each stage's and work label's share of all samples, keyed "stage" and "stage → label".
    private static Dictionary<string, double> Shares(List<StackSample> stacks)
    {
        double total = stacks.Sum(s => s.Weight);
        var shares = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var stack in stacks)
        {
            shares[stack.Frames[1]] = shares.GetValueOrDefault(stack.Frames[1]) + (stack.Weight / total);
            if (WorkLabels.Contains(stack.Frames[2]))
            {
                string key = $"{stack.Frames[1]} → {stack.Frames[2]}";
                shares[key] = shares.GetValueOrDefault(key) + (stack.Weight / total);
            }
        }

        return shares;
    }

    public AuditSection Run(AuditContext context, Action advance)
    {
        var stream = context.NaiveStream;
        var statistics = stream.Pipeline.Statistics;
        long runs = 0;
        try
        {
            var duration = context.Settings.ProfileTime;
            var before = Stages.All.Select(statistics.ForStage).ToArray();
            context.Profile = CpuProfiler.Profile(
                () =>
                {
                    var clock = Stopwatch.StartNew();
                    while (clock.Elapsed < duration)
                    {
                        BlackBox.Consume(stream.Run());
                        runs++;
                    }
                },
                new ProfilerOptions { SamplingInterval = SamplingInterval, SourceLines = true });
            var after = Stages.All.Select(statistics.ForStage).ToArray();
            var body = context.Profile.Duration;
            _measuredShares = [.. after.Select((stage, i) => (stage.Elapsed - before[i].Elapsed) / body)];
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
                Subtitle = string.Create(CultureInfo.InvariantCulture, $"{profile.SampleCount} samples of the workload thread over {profile.Duration.TotalMilliseconds:0} ms, {context.ProfiledFrames} frames read from a stream ({runs} runs of {stream.Frames}); {SamplerName(profile)}, in process"),
            });
            profile.WriteFolded(Path.Combine(context.Settings.OutputDirectory, FoldedFile));
            context.ProfileStageShares = StageShares(profile);
        }

        WaitForQuietJit();
        advance();
        return Report(context, _measuredShares);
    }

    /// <summary>
    /// Waits until the JIT has compiled nothing for 500 ms (at most 5 s). The profilers' own work after a body (the
    /// rundown of Phase 2's source lines, Phase 3's EventPipe trace read through TraceEvent) runs hundreds of methods
    /// often enough for tiered compilation to recompile them in the background a little later; the phase that times
    /// next should not start while that happens (its warm-up waits for a quiet JIT and gives up after 2 s).
    /// </summary>
    public static void WaitForQuietJit()
    {
        var quiet = TimeSpan.FromMilliseconds(500);
        var cap = Stopwatch.StartNew();
        long compiled = System.Runtime.JitInfo.GetCompiledMethodCount();
        var since = Stopwatch.StartNew();
        while (since.Elapsed < quiet && cap.Elapsed < TimeSpan.FromSeconds(5))
        {
            Thread.Sleep(50);
            long now = System.Runtime.JitInfo.GetCompiledMethodCount();
            if (now != compiled)
            {
                compiled = now;
                since.Restart();
            }
        }
    }

    private static string SamplerName(CpuProfile profile) => profile.Sampler == CpuSampler.PerfEvent
        ? "perf_event_open cpu-clock sampler"
        : "EventPipe sample profiler";

    private static string SamplerMethod(CpuProfile profile) => profile.Sampler == CpuSampler.PerfEvent
        ? string.Create(CultureInfo.InvariantCulture, $"Linux `perf_event_open` (`CpuProfile.Sampler` = `PerfEvent`): a software `cpu-clock` event on the workload thread interrupts it every {SamplingInterval.TotalMicroseconds:0} µs of its CPU time wherever it is, user space only, and records its instruction pointer and frame-pointer call chain (with the top of the stack, to repair what the frame-pointer walk misses); jitted methods are named from the runtime's perf map, precompiled ones from a rundown. Native code is charged to the managed frame that called it, and named by what it does where that is known: `[GC]` (the sample lies inside one of the runtime's GC pauses, from its own GC events), `[allocation]` (the allocation helpers outside a collection: fresh memory, cleared), `[GC write barrier]` (card marking where a reference is stored); the last two are recognised by the helper the managed caller calls")
        : $"the runtime's EventPipe sample profiler (`CpuProfile.Sampler` = `EventPipe`{(profile.SamplerNote is { } note ? $", because {note}" : string.Empty)}): it stops the workload thread about once a millisecond at a safe point and records its managed stack; time in code between safe points lands on the next one";

    private static AuditSection Report(AuditContext context, double[]? measuredShares)
    {
        var md = new StringBuilder();
        md.AppendLine("## Phase 2: hot path").AppendLine();
        if (context.Profile is not { } profile)
        {
            md.AppendLine($"**No flamegraph:** the process could not profile itself. {context.ProfilingUnavailable}").AppendLine();
            return new AuditSection(md.ToString(), null);
        }

        md.AppendLine($"Method: `CpuProfiler.Profile` (Meridian.Perf.Profiling) around {context.ProfiledFrames} frames of the naive pipeline read from a stream, as in Phase 1's \"{Stages.Streamed}\", in process. Sampler: {SamplerMethod(profile)}. {profile.SampleCount} samples over {profile.Duration.TotalMilliseconds:0} ms (mean interval {profile.MeanSamplingInterval.TotalMilliseconds:0.00} ms of wall-clock time; the thread is sampled on its CPU time, so the interval grows when it waits for a core); {profile.OutsideManagedSamples} found the thread outside managed code. Profiler costs: {profile.Session}.").AppendLine();
        md.AppendLine($"**Runtime code:** {Format.Percent(profile.RuntimeInternalShare)} of the samples are runtime-internal and unexplained (`CpuProfile.RuntimeInternalShare`: GC-poll and hijack frames, runtime stubs, `libcoreclr.so`/`libclrjit.so` and code they generated that nothing names, and C library code they call). Named by what it does and charged to the managed frame that caused it: {NamedShares(profile)}.").AppendLine();
        md.AppendLine($"![flamegraph of the naive pipeline]({FlamegraphFile})").AppendLine();
        md.AppendLine($"Files: [`{FlamegraphFile}`]({FlamegraphFile}) (open in a browser: hover for counts, click to zoom) and [`{FoldedFile}`]({FoldedFile}) (folded stacks for flamegraph.pl, inferno or speedscope).").AppendLine();

        md.AppendLine("### Where the naive pipeline's time goes, by stage").AppendLine();
        md.AppendLine("Two independent measurements of the same profiled runs: each sample goes to the stage whose code is on its stack, and the pipeline times its own stages (`TelemetryStatistics.ForStage`: a timestamp before and after each stage and batch, here the difference over the profiled runs, as a share of their wall-clock time). The JIT inlines `NaiveAggregator.Add` into `NaivePipeline.Process` and `NaiveEmitter.Emit` into `NaivePipeline.Emit`, so a stage is recognised by the frames listed, the deepest one on a stack deciding (`NaivePipeline.Complete` emits the last windows with `Emit` inlined, after its `NaiveAggregator.CloseAll` closed them), and a sample with none of them by the statement of `NaivePipeline.Process` it was in (`ProfilerOptions.SourceLines`: the runtime's IL-to-native maps and the PDB give each frame its line, and inlined code has the line of the call it replaced): the stage whose `StageProbe.Start` … `probe.Stop(…, PipelineStage.…)` encloses that line in `NaivePipeline.cs`, i.e. the code the pipeline itself times as that stage; samples in `NaivePipeline.Process` outside every probe (the copy of the read buffer, the loop between the stages) and in the stream reader belong to no stage.").AppendLine();
        md.AppendLine("| stage | frames that mark it | samples | share of profile | share of the run's time, self-measured | difference |");
        md.AppendLine("|---|---|---|---|---|---|");
        var table = new Table().Title("Phase 2: naive pipeline, share of CPU samples").AddColumns("stage / frame", "profile", "self-measured");
        var shares = context.ProfileStageShares!;
        var measured = measuredShares ?? new double[shares.Length];
        for (int i = 0; i < Stages.All.Length; i++)
        {
            var stage = Stages.All[i];
            string markers = string.Join(", ", Stages.NaiveMarkers(stage).Select(m => $"`{m.Replace("`", "'", StringComparison.Ordinal)}`"));
            md.AppendLine($"| {Stages.Name(stage)} | {markers} | {Math.Round(shares[i] * profile.TotalWeight)} | {Format.Percent(shares[i])} | {Format.Percent(measured[i])} | {Points(shares[i] - measured[i])} |");
            table.AddRow(Stages.Name(stage), Format.Percent(shares[i]), Format.Percent(measured[i]));
        }

        double outside = 1 - shares.Sum();
        double measuredOutside = 1 - measured.Sum();
        md.AppendLine($"| no stage | | {Math.Round(outside * profile.TotalWeight)} | {Format.Percent(outside)} | {Format.Percent(measuredOutside)} (between the stages, the stream reader, the probes) | {Points(outside - measuredOutside)} |");
        double largest = shares.Select((share, i) => Math.Abs(share - measured[i])).Max();
        md.AppendLine().AppendLine($"Largest difference between a stage's share of the profile and of its self-measured time: **{largest * 100:0.0} points** ({(largest <= 0.05 ? "within" : "more than")} 5 points).");

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

    private static string Points(double difference) => string.Create(CultureInfo.InvariantCulture, $"{(difference >= 0 ? "+" : "−")}{Math.Abs(difference) * 100:0.0} pt");

    private static string NamedShares(CpuProfile profile)
    {
        string[] labels = ["[GC]", "[allocation]", "[GC write barrier]"];
        return string.Join(", ", labels.Select(label =>
        {
            double self = profile.Frames.Where(f => f.Name == label).Sum(f => f.SelfShare);
            return $"`{label}` {Format.Percent(self)}";
        }));
    }

    // Each stack's weight goes to the stage of the deepest frame that marks one (Complete emits, but its CloseAll
    // aggregates); a stack without a marker, to the stage whose probes enclose the statement of NaivePipeline.Process
    // that was running: the code the JIT inlined there (the aggregator's Add) has the line of the call it replaced.
    private static double[] StageShares(CpuProfile profile)
    {
        var shares = new double[Stages.All.Length];
        if (profile.TotalWeight <= 0)
        {
            return shares;
        }

        var regions = ProbeRegions();
        foreach (var stack in profile.Stacks)
        {
            int stage = NaiveStage(stack, regions);
            if (stage >= 0)
            {
                shares[stage] += stack.Weight / profile.TotalWeight;
            }
        }

        return shares;
    }

    // The stage of a naive stack (index into Stages.All), or -1: the deepest marker, else the probe region of its line in Process.
    private static int NaiveStage(StackSample stack, List<(int Start, int Stop, PipelineStage Stage)> regions)
    {
        int stage = -1;
        for (int f = stack.Frames.Count - 1; f >= 0 && stage < 0; f--)
        {
            string frame = stack.Frames[f];
            stage = Array.FindIndex(Stages.All, s => Stages.NaiveMarkers(s).Any(m => frame.Contains(m, StringComparison.Ordinal)));
        }

        for (int f = stack.Frames.Count - 1; f >= 0 && stage < 0; f--)
        {
            if (stack.Frames[f].Contains(ProcessFrame, StringComparison.Ordinal)
                && stack.Lines?[f] is { } line && line.File == PipelineSource
                && regions.FirstOrDefault(r => line.Line > r.Start && line.Line <= r.Stop) is { Stop: > 0 } region)
            {
                stage = Array.IndexOf(Stages.All, region.Stage);
            }
        }

        return stage;
    }

    private const string ProcessFrame = "NaivePipeline.Process(";
    private const string PipelineSource = "NaivePipeline.cs";

    // The statements each stage probe of the naive pipeline encloses: after a StageProbe.Start, up to the probe.Stop
    // that names the stage (the pipeline's own definition of a stage's time). None when the source is not found.
    private static List<(int Start, int Stop, PipelineStage Stage)> ProbeRegions()
    {
        var regions = new List<(int Start, int Stop, PipelineStage Stage)>();
        if (PipelineSourcePath() is not { } path)
        {
            return regions;
        }

        var lines = File.ReadAllLines(path);
        int start = 0;
        for (int i = 0; i < lines.Length; i++)
        {
            if (lines[i].Contains("StageProbe.Start(", StringComparison.Ordinal))
            {
                start = i + 1;
            }
            else if (lines[i].Contains("probe.Stop(", StringComparison.Ordinal)
                && Stages.All.FirstOrDefault(s => lines[i].Contains($"PipelineStage.{s}", StringComparison.Ordinal), (PipelineStage)(-1)) is var stage && stage >= 0)
            {
                regions.Add((start, i + 1, stage));
            }
        }

        return regions;
    }

    // src/Meridian.Telemetry/Naive/NaivePipeline.cs of the checkout the audit was built from.
    private static string? PipelineSourcePath()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            string candidate = Path.Combine(directory.FullName, "src", "Meridian.Telemetry", "Naive", PipelineSource);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
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
