using System.Diagnostics;

namespace Meridian.Perf.Profiling;

/// <summary>A <see cref="CpuProfile"/> of the calling thread from the <see cref="PerfEventSampler"/>: sampler and perf
/// map opened before the body runs (so an unavailable sampler leaves the body to the EventPipe fallback), counting
/// switched on and off right around it, stacks named after it.</summary>
internal static class PerfEventProfiler
{
    // The runtime delivers its events to listeners asynchronously, usually within milliseconds.
    private static readonly TimeSpan GcEventsTimeout = TimeSpan.FromSeconds(1);

    public static CpuProfile? TryProfile(Action body, ProfilerOptions options, out string? problem)
    {
        var starting = Stopwatch.GetTimestamp();
        var symbols = PerfMapSymbols.Ensure(out problem);
        if (symbols is null)
        {
            return null;
        }

        var helpers = RuntimeHelperProbes.Find(symbols);
        using var sampler = PerfEventSampler.TryOpen(options.SamplingInterval, out problem);
        if (sampler is null)
        {
            return null;
        }

        var gc = GcPauseRecorder.Shared;
        var restarts = gc?.Restarts ?? 0;
        var collections = GC.CollectionCount(0);
        var startTime = Stopwatch.GetElapsedTime(starting);
        var bodyStart = Stopwatch.GetTimestamp();
        var bodyTime = Stopwatch.StartNew();
        sampler.Enable();
        WorkloadFrames.RunPerfEventBody(body);
        sampler.Disable();
        bodyTime.Stop();

        var stopping = Stopwatch.GetTimestamp();
        collections = GC.CollectionCount(0) - collections;
        var records = sampler.Finish();
        var pausesComplete = true;
        var pauses = collections > 0 && gc is not null ? gc.PausesBetween(bodyStart, stopping, restarts + collections, GcEventsTimeout, out pausesComplete) : [];
        var stopTime = Stopwatch.GetElapsedTime(stopping);

        var resolving = Stopwatch.GetTimestamp();
        var managed = symbols.Refresh();
        var modules = NativeModules.Read();
        var precompiled = PerfEventStacks.InPrecompiledCode(records, managed, modules);
        if (precompiled.Samples > 0)
        {
            // The perf map names only jitted code. Precompiled methods come from a rundown (a few hundred milliseconds,
            // kept for the process), taken when enough samples need it; a stray one stays named by its image.
            var known = ReadyToRunSymbols.Known;
            managed = precompiled.Samples >= Math.Max(1, sampler.SampleCount / 50)
                ? [.. managed.Concat(ReadyToRunSymbols.Covering(precompiled.Addresses)).OrderBy(static symbol => symbol.Start)]
                : [.. managed.Concat(known).OrderBy(static symbol => symbol.Start)];
        }

        var result = PerfEventStacks.Build(records, managed, modules, pauses, helpers, keepAddresses: options.SourceLines, pausesComplete);
        var profileStacks = options.SourceLines && SourceLineRundown.Take() is { } lines
            ? WithLines(result, lines)
            : [.. result.Stacks.Values
                .OrderByDescending(stack => stack.Count)
                .Select(stack => new StackSample(stack.Frames, stack.Count))];
        var resolveTime = Stopwatch.GetElapsedTime(resolving);

        var statistics = new ProfilingSessionStatistics(startTime, bodyTime.Elapsed, stopTime, resolveTime, sampler.RawBytes, sampler.SampleCount + sampler.LostSamples);
        problem = null;
        return new CpuProfile(
            profileStacks,
            result.Samples,
            result.OutsideManaged,
            result.Samples > 0 ? 1 : 0,
            bodyTime.Elapsed,
            ProfiledThreads.Workload,
            statistics,
            CpuSampler.PerfEvent,
            samplerNote: null);
    }

    // Stacks merged by frames and lines (samples at different addresses of one statement are one stack).
    private static StackSample[] WithLines(PerfEventStacks.Result result, SourceLineRundown rundown)
    {
        using (rundown)
        {
            var merged = new Dictionary<string, (string[] Frames, SourceLine?[] Lines, int Count)>(StringComparer.Ordinal);
            foreach (var (frames, addresses, count) in result.Stacks.Values)
            {
                var lines = addresses.Select(address => address == 0 ? null : rundown.Find(address)).ToArray();
                var key = string.Join(";", frames) + "|" + string.Join(",", lines);
                merged[key] = merged.TryGetValue(key, out var existing) ? (frames, lines, existing.Count + count) : (frames, lines, count);
            }

            return [.. merged.Values.OrderByDescending(stack => stack.Count).Select(stack => new StackSample(stack.Frames, stack.Lines, stack.Count))];
        }
    }
}
