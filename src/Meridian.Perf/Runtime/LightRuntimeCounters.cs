using System.Globalization;
using System.Runtime;

namespace Meridian.Perf;

/// <summary>
/// The cheap subset of <see cref="RuntimeCounters"/> for hot paths: GC collections and pause time, JIT activity and
/// allocated bytes, without the lock-contention and thread-pool counts. Subtract two snapshots for a delta.
/// </summary>
/// <remarks>
/// <see cref="RuntimeCounters.Capture"/> spends most of its time on two counters: <see cref="Monitor.LockContentionCount"/>
/// is a call into the runtime's native code (about 60 % of a capture), and <see cref="ThreadPool.CompletedWorkItemCount"/>
/// adds up one counter per thread-pool thread (about a quarter). Every counter here is a read of a value the runtime
/// keeps anyway, so <see cref="Capture"/> costs about a third of a full capture and allocates nothing. The samples'
/// benchmarks (<c>samples/Meridian.Perf.Benchmarks</c>) measure both side by side.
/// </remarks>
/// <param name="Gen0Collections">Generation-0 collections (a gen-1 or gen-2 collection counts here too, as in <see cref="GC.CollectionCount"/>).</param>
/// <param name="Gen1Collections">Generation-1 collections (including gen-2 ones).</param>
/// <param name="Gen2Collections">Generation-2 (full) collections.</param>
/// <param name="GcPauseTime">Total time the runtime was paused for GC.</param>
/// <param name="JitCompiledMethods">Methods compiled by the JIT (all threads).</param>
/// <param name="JitCompiledILBytes">Bytes of IL compiled by the JIT (all threads).</param>
/// <param name="JitCompilationTime">Time spent compiling (all threads).</param>
/// <param name="ThreadAllocatedBytes">Bytes allocated by the current thread, exact.</param>
/// <param name="TotalAllocatedBytes">Bytes allocated by the process, imprecise (moves in allocation-context steps of about 8 KB).</param>
public readonly record struct LightRuntimeCounters(
    long Gen0Collections,
    long Gen1Collections,
    long Gen2Collections,
    TimeSpan GcPauseTime,
    long JitCompiledMethods,
    long JitCompiledILBytes,
    TimeSpan JitCompilationTime,
    long ThreadAllocatedBytes,
    long TotalAllocatedBytes)
{
    /// <summary>Reads every counter of the subset now. Allocates nothing.</summary>
    /// <returns>The snapshot.</returns>
    public static LightRuntimeCounters Capture() => new(
        GC.CollectionCount(0),
        GC.CollectionCount(1),
        GC.CollectionCount(2),
        GC.GetTotalPauseDuration(),
        JitInfo.GetCompiledMethodCount(currentThread: false),
        JitInfo.GetCompiledILBytes(currentThread: false),
        JitInfo.GetCompilationTime(currentThread: false),
        GC.GetAllocatedBytesForCurrentThread(),
        GC.GetTotalAllocatedBytes(precise: false));

    /// <summary>The change of every counter from <paramref name="before"/> to <paramref name="after"/>.</summary>
    /// <param name="after">The later snapshot.</param>
    /// <param name="before">The earlier snapshot.</param>
    /// <returns>The delta.</returns>
    public static LightRuntimeCounters operator -(LightRuntimeCounters after, LightRuntimeCounters before) => new(
        after.Gen0Collections - before.Gen0Collections,
        after.Gen1Collections - before.Gen1Collections,
        after.Gen2Collections - before.Gen2Collections,
        after.GcPauseTime - before.GcPauseTime,
        after.JitCompiledMethods - before.JitCompiledMethods,
        after.JitCompiledILBytes - before.JitCompiledILBytes,
        after.JitCompilationTime - before.JitCompilationTime,
        after.ThreadAllocatedBytes - before.ThreadAllocatedBytes,
        after.TotalAllocatedBytes - before.TotalAllocatedBytes);

    /// <summary>Subtracts two snapshots; the same as the <c>-</c> operator.</summary>
    /// <param name="after">The later snapshot.</param>
    /// <param name="before">The earlier snapshot.</param>
    /// <returns>The delta.</returns>
    public static LightRuntimeCounters Subtract(LightRuntimeCounters after, LightRuntimeCounters before) => after - before;

    /// <summary>Formats the counters on one line, e.g. <c>gc0 0, gc1 0, gc2 0, gc pause 0 ms, jit ...</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"gc0 {Gen0Collections}, gc1 {Gen1Collections}, gc2 {Gen2Collections}, gc pause {GcPauseTime.TotalMilliseconds:0.###} ms, " +
        $"jit {JitCompiledMethods} methods / {JitCompiledILBytes} B IL / {JitCompilationTime.TotalMilliseconds:0.###} ms, " +
        $"allocated {ThreadAllocatedBytes} B on this thread, ~{TotalAllocatedBytes} B in the process");
}
