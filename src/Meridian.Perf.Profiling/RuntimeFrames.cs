namespace Meridian.Perf.Profiling;

/// <summary>Frames of the runtime's own machinery rather than of the profiled code.</summary>
/// <remarks>
/// <para>Runtime-internal, unexplained: a GC-poll or hijack frame of a stopped thread (EventPipe profiles charge those to
/// the frame that was running), a runtime stub, the runtime's and JIT's native code (<c>libcoreclr.so</c>,
/// <c>libclrjit.so</c>), code the runtime generated that the perf map does not name (<c>[memfd:doublemapper]</c>,
/// <c>[unknown code]</c>), and a C library function called by any of those.</para>
/// <para>Not runtime-internal: <c>[GC]</c> (the collector's work, under the allocating frame), <c>[allocation]</c> (the
/// allocation helpers: fresh memory, cleared), <c>[GC write barrier]</c> (card marking where a reference is stored), and
/// native libraries the program's managed code calls itself (e.g. <c>memmove</c> in <c>libc</c> under
/// <c>Buffer.Memmove</c>). Those are work the profiled code causes, charged to the frame that causes it.</para>
/// </remarks>
internal static class RuntimeFrames
{
    /// <summary>Whether a frame is the runtime's: a GC-poll or hijack frame of a stopped thread, a runtime stub, the
    /// runtime's and JIT's native code, or generated code nothing names.</summary>
    public static bool IsRuntimeInternal(string frame) =>
        TraceStacks.IsSuspensionFrame(frame)
        || frame.Contains("Hijack", StringComparison.Ordinal)
        || frame.StartsWith("[runtime stub", StringComparison.Ordinal)
        || frame.StartsWith("[memfd:", StringComparison.Ordinal)
        || frame is "[libcoreclr.so]" or "[libclrjit.so]" or "[unknown code]" or "[unknown native code]";

    /// <summary>Whether a stack's sample is runtime-internal: its leaf frame is, or its leaf is a native library (one
    /// frame per run of a library's code) called from a runtime-internal frame.</summary>
    public static bool IsRuntimeInternal(IReadOnlyList<string> stack)
    {
        if (stack.Count == 0)
        {
            return false;
        }

        var leaf = stack[^1];
        if (IsRuntimeInternal(leaf))
        {
            return true;
        }

        return IsNativeLibrary(leaf) && stack.Count > 1 && IsRuntimeInternal(stack[^2]);
    }

    private static bool IsNativeLibrary(string frame) =>
        frame.StartsWith('[') && frame.EndsWith(".so]", StringComparison.Ordinal) || frame.Contains(".so.", StringComparison.Ordinal) && frame.StartsWith('[');
}
