using System.Diagnostics;
using System.Text;
using Meridian.Perf;
using Meridian.Perf.Profiling;
using Meridian.Perf.Runtime;
using Spectre.Console;

namespace Meridian.Telemetry.Audit;

/// <summary>
/// Phase 3, allocations: exact bytes per frame of every stage and of the pipeline, naive and optimized, counted with
/// <see cref="Allocations.Measure{TState}(TState, Action{TState}, AllocationOptions?)"/>; which types the naive stages
/// allocate, from the runtime's allocation sampling (<see cref="RuntimeEventRecorder"/>); and where the naive pipeline
/// allocates them (<see cref="AllocationProfiler"/>).
/// </summary>
internal sealed class AllocationPhase : IAuditPhase
{
    private const string Pipeline = "pipeline";
    private const int TopTypes = 4;
    private const int TopSites = 10;

    // ~100 KiB per sample on average: 40 MB gives ~400 samples, a per-type error of a few per cent for the main types
    // (the call-site profile below).
    private const long SampledBytesTarget = 40_000_000;
    private static readonly TimeSpan SamplingCap = TimeSpan.FromMilliseconds(600);
    public static readonly AllocationOptions Options = new() { WarmupCalls = 5, Windows = 5, CallsPerWindow = 20 };

    public string Title => "Phase 3: allocations (exact, sampled)";

    public int Steps => ((Stages.All.Length + 1) * 2) + Stages.All.Length + 2;

    public static string[] Targets => [.. Stages.All.Select(Stages.Name), Pipeline];

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

            context.Allocations[AuditContext.Target(implementation, Pipeline)] =
                Allocations.Measure((workload, optimized), static s => BlackBox.Consume(s.workload.Pipeline(s.optimized)), Options);
            advance();
        }

        foreach (var stage in Stages.All)
        {
            context.SampledTypes[Stages.Name(stage)] = Sample(context, Stages.Name(stage), workload.BatchFrames, () => workload.Run(false, stage));
            advance();
        }

        context.SampledTypes[Pipeline] = Sample(context, Pipeline, workload.BatchFrames, () => workload.Pipeline(false));
        advance();

        try
        {
            var stream = context.NaiveStream;
            long runs = 0;
            context.AllocationSites = AllocationProfiler.Profile(() =>
            {
                long start = GC.GetAllocatedBytesForCurrentThread();
                var clock = Stopwatch.StartNew();
                while (GC.GetAllocatedBytesForCurrentThread() - start < SampledBytesTarget * 2 && clock.Elapsed < SamplingCap * 2)
                {
                    BlackBox.Consume(stream.Run());
                    runs++;
                }
            });
            context.AllocationSiteFrames = runs * stream.Frames;
            Directory.CreateDirectory(context.Settings.OutputDirectory);
            context.AllocationSites.WriteDhat(Path.Combine(context.Settings.OutputDirectory, DhatFile));
        }
        catch (ProfilingUnavailableException error)
        {
            context.ProfilingUnavailable ??= error.Message;
        }

        HotPathPhase.WaitForQuietJit();
        advance();
        return Report(context);
    }

    /// <summary>Gets the file the naive pipeline's allocation profile is written to, in DHAT's format.</summary>
    public static string DhatFile => "dhat.naive.json";

    public static double? BytesPerFrame(AllocationReport report) => report.BytesPerCall / AuditContext.AllocationBatchFrames;

    // Samples a naive target's allocated types with Meridian.Perf's culprit sampling (Allocations.SampleTypes): as many
    // calls as about a thousand samples need at the bytes per call Allocations.Measure found, within SamplingCap.
    private static (RuntimeEventReport Report, long Frames, long ExactBytes) Sample(AuditContext context, string what, int framesPerCall, Func<int> call)
    {
        double bytesPerCall = context.Allocations[AuditContext.Target("naive", what)].BytesPerCall ?? 0;
        long start = GC.GetAllocatedBytesForCurrentThread();
        var sampling = Allocations.SampleTypes(() => BlackBox.Consume(call()), bytesPerCall, new AllocationOptions { CulpritSamplingTime = SamplingCap });
        long exact = GC.GetAllocatedBytesForCurrentThread() - start;
        return (sampling.Report ?? throw new InvalidOperationException($"Allocation sampling was not possible: {sampling.Problem}"), sampling.Calls * framesPerCall, exact);
    }

    private static AuditSection Report(AuditContext context)
    {
        int batch = AuditContext.AllocationBatchFrames;
        var md = new StringBuilder();
        md.AppendLine("## Phase 3: allocations per frame").AppendLine();
        var sample = context.Allocations.Values.First();
        md.AppendLine($"Method: `Allocations.Measure` (Meridian.Perf), exact bytes from `GC.GetAllocatedBytesForCurrentThread`: {Options.WarmupCalls} warm-up calls, then {Options.Windows} windows of {Options.CallsPerWindow} calls, each call one batch of {batch} frames of fresh steady-state input; the figure is the smallest window's bytes per call, divided by {batch} for bytes per frame. Runtime mode: {sample.Mode} Quick JIT is on in this process so that Phase 1 timed what production runs; every body measured here had already been run by Phase 1 until the JIT was quiet, so its tier-1 code is what is counted (a tier-0 body would show bytes that optimized code does not allocate, and the optimized stages read 0 B).").AppendLine();
        md.AppendLine($"| target | naive B/frame | naive B per {batch}-frame batch | optimized B/frame | optimized B per batch |");
        md.AppendLine("|---|---|---|---|---|");
        var table = new Table().Title("Phase 3: bytes allocated per frame (exact)").AddColumns("target", "naive", "optimized", "naive: top sampled types");
        foreach (string what in Targets)
        {
            var naive = context.Allocations[AuditContext.Target("naive", what)];
            var optimized = context.Allocations[AuditContext.Target("optimized", what)];
            md.AppendLine($"| {(what == Pipeline ? Stages.Chunked : what)} | {PerFrame(naive)} | {PerCall(naive)} | {PerFrame(optimized)} | {PerCall(optimized)} |");
            var types = context.SampledTypes[what].Report.Allocations.Take(2).Select(t => ShortType(t.TypeName));
            table.AddRow(what == Pipeline ? Stages.Chunked : what, PerFrame(naive), PerFrame(optimized), Markup.Escape(string.Join(", ", types)));
        }

        md.AppendLine();
        md.AppendLine("### What the naive stages allocate (sampled types)").AppendLine();
        md.AppendLine($"Method: `Allocations.SampleTypes` (Meridian.Perf: the culprit sampling of a failed allocation assertion, as data) on each naive stage run on its own, for as many calls as about a thousand samples need at the bytes per call measured above, or for at most {SamplingCap.TotalMilliseconds:0} ms: the runtime's randomized allocation sampling (.NET 10 `AllocationSampled` events, one per ~100 KiB on average, source here: {RuntimeEventRecorder.AllocationSource}) weighted to unbiased estimates; the relative error of a type is about 1/√samples. The exact bytes of the same run are beside the estimate as a check.").AppendLine();
        md.AppendLine("| naive target | frames run | exact B/frame in this run | estimated B/frame (samples) | types: estimated B/frame (share, samples) |");
        md.AppendLine("|---|---|---|---|---|");
        foreach (string what in Targets)
        {
            var (report, frames, exact) = context.SampledTypes[what];
            string types = report.AllocationSamples == 0
                ? "none sampled"
                : string.Join("; ", report.Allocations.Take(TopTypes).Select(t => $"`{t.TypeName}` {Format.Bytes(Math.Round(t.EstimatedBytes / frames, 1))} ({Format.Percent(t.Share)}, {t.Samples})"));
            md.AppendLine($"| {(what == Pipeline ? Stages.Chunked : what)} | {frames} | {Format.Bytes(Math.Round((double)exact / frames, 2))} | {Format.Bytes(Math.Round(report.EstimatedAllocatedBytes / frames, 1))} ({report.AllocationSamples}) | {types} |");
        }

        md.AppendLine();
        md.AppendLine($"These runs replay the capture, and each replay starts by forgetting the sensors (`StageWorkload` resets the stage's state at the start of the capture), so per-sensor objects the naive validator and aggregator create after a reset show up here at a rate of about one per sensor per replay of {context.AllocationWorkload.FrameCount} frames; `Allocations.Measure` above reports the smallest window, which holds no reset: the steady state.").AppendLine();
        md.AppendLine("### Where the naive pipeline allocates (call sites)").AppendLine();
        if (context.AllocationSites is { } sites)
        {
            double frames = context.AllocationSiteFrames;
            md.AppendLine($"Method: `AllocationProfiler.Profile` (Meridian.Perf.Profiling) around {context.AllocationSiteFrames} frames of the naive pipeline read from a stream: the same allocation sampling, recorded with stacks over EventPipe in process. {sites.SampleCount} samples, {Format.Bytes(Math.Round(sites.EstimatedBytes / frames, 1))}/frame estimated against {(sites.ExactThreadBytes is { } exactBytes ? Format.Bytes(Math.Round(exactBytes / frames, 2)) + "/frame exact" : "no exact count")}.").AppendLine();
            md.AppendLine("| estimated B/frame | objects/frame | samples | type | allocated in |");
            md.AppendLine("|---|---|---|---|---|");
            foreach (var site in sites.Sites.Take(TopSites))
            {
                md.AppendLine($"| {Format.Bytes(Math.Round(site.EstimatedBytes / frames, 1))} | {Format.Number(site.EstimatedObjects / frames)} | {site.Samples} | `{site.TypeName}` | `{HotPathPhase.Shorten(site.Method)}` |");
            }

            md.AppendLine();
            md.AppendLine($"The whole allocation profile, every sampled stack with its estimated bytes and objects: [`{DhatFile}`]({DhatFile}) (`AllocationProfile.WriteDhat`, DHAT's format version 2, block lifetimes and accesses not measured). To browse it, open Valgrind's DHAT viewer `dh_view.html` in a browser (Debian and Ubuntu: `apt-get install valgrind`, then `/usr/libexec/valgrind/dh_view.html`; or Valgrind's source tree, `dhat/dh_view.html`) and load the file with its file chooser: the tree shows where the bytes are allocated, from the allocating frame outward.");
        }
        else
        {
            md.AppendLine($"Not profiled: {context.ProfilingUnavailable}");
        }

        md.AppendLine();
        return new AuditSection(md.ToString(), table);
    }

    // "System.Collections.Generic.List`1[Meridian.Telemetry.WindowAggregate]" → "List`1[WindowAggregate]".
    private static string ShortType(string type) => System.Text.RegularExpressions.Regex.Replace(type, @"(?:[\w`+]+\.)+", string.Empty);

    private static string PerFrame(AllocationReport report) =>
        BytesPerFrame(report) is { } bytes ? Format.Bytes(Math.Round(bytes, 2)) : $"unreliable: {report.UnreliableReason}";

    private static string PerCall(AllocationReport report) =>
        report.BytesPerCall is { } bytes ? Format.Bytes(bytes) : "unreliable";
}
