using Microsoft.Diagnostics.Tracing.Etlx;

namespace Meridian.Perf.Profiling;

/// <summary>Turns TraceEvent call stacks into frame names, root first, cut at the workload marker.</summary>
internal static class TraceStacks
{
    // The profiler's own frames: the session's start and stop on the calling thread, the reader on its thread.
    private static readonly string[] s_profilerPrefixes =
    [
        WorkloadFrames.DrainMarker,
        "Meridian.Perf.Profiling.InProcessTraceSession.",
        "Meridian.Perf.Profiling.CpuProfiler.",
        "Meridian.Perf.Profiling.AllocationProfiler.",
        "Microsoft.Diagnostics.NETCore.Client.",
    ];

    public static StackKind Classify(TraceCallStack? leaf, List<string> frames)
    {
        frames.Clear();
        var kind = StackKind.OtherThread;
        string? previousUnresolved = null;
        for (var frame = leaf; frame is not null; frame = frame.Caller)
        {
            var name = frame.CodeAddress.FullMethodName;
            if (name.StartsWith(WorkloadFrames.BodyMarker, StringComparison.Ordinal))
            {
                kind = StackKind.Workload;
                break;
            }

            if (IsProfilerFrame(name))
            {
                kind = StackKind.Profiler;
                break;
            }

            if (string.IsNullOrEmpty(name))
            {
                // Native code without symbols: one frame per run of addresses in the same module keeps the graph readable.
                var module = frame.CodeAddress.ModuleName;
                var unresolved = string.IsNullOrEmpty(module) ? "[unknown native code]" : $"[{module}]";
                if (unresolved == previousUnresolved)
                {
                    continue;
                }

                previousUnresolved = unresolved;
                frames.Add(unresolved);
                continue;
            }

            previousUnresolved = null;
            if (frames.Count == 0 && IsSuspensionFrame(name))
            {
                // The sampler stopped the thread at a GC poll: the time belongs to the frame that polled.
                continue;
            }

            frames.Add(name);
        }

        frames.Reverse();
        return kind;
    }

    /// <summary>Frames that exist only because the runtime stopped the thread at a safe point to sample it or for a GC
    /// (<c>Thread.PollGC</c> and its worker); the GC's own work is native code and stays.</summary>
    internal static bool IsSuspensionFrame(string name) =>
        name.StartsWith("System.Threading.Thread.", StringComparison.Ordinal) && name.Contains("PollGC", StringComparison.Ordinal);

    private static bool IsProfilerFrame(string name)
    {
        foreach (var prefix in s_profilerPrefixes)
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
