namespace Meridian.Perf.Profiling;

/// <summary>Frames of the runtime's own machinery rather than of the profiled code.</summary>
internal static class RuntimeFrames
{
    /// <summary>Whether a frame is the runtime's: a GC-poll or hijack frame of a stopped thread, a runtime stub, or the
    /// runtime's and JIT's native code.</summary>
    public static bool IsRuntimeInternal(string frame) =>
        TraceStacks.IsSuspensionFrame(frame)
        || frame.Contains("Hijack", StringComparison.Ordinal)
        || frame.StartsWith("[runtime stub", StringComparison.Ordinal)
        || frame is "[libcoreclr.so]" or "[libclrjit.so]";
}
