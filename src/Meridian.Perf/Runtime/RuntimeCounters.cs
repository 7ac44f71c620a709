using System.Globalization;
using System.Runtime;
using System.Text;

namespace Meridian.Perf;

/// <summary>
/// An allocation-free snapshot of the runtime's own counters: GC collections per generation, GC pause time, lock
/// contentions, thread-pool work items, JIT activity and allocated bytes. Subtract two snapshots for a delta.
/// </summary>
/// <remarks>
/// Every value comes from a counter the runtime keeps anyway (<see cref="GC.CollectionCount"/>,
/// <see cref="GC.GetTotalPauseDuration"/>, <see cref="Monitor.LockContentionCount"/>,
/// <see cref="ThreadPool.CompletedWorkItemCount"/>, <c>System.Runtime.JitInfo</c>), so <see cref="Capture"/> allocates
/// nothing and may be taken inside a measured region. Process-wide values include every thread's activity;
/// <see cref="ThreadAllocatedBytes"/> is the current thread's exact count. A capture costs tens of nanoseconds, most of
/// it in two counters: <see cref="Monitor.LockContentionCount"/> (a call into the runtime's native code) and
/// <see cref="ThreadPool.CompletedWorkItemCount"/> (a sum over the thread-pool threads); for hot paths,
/// <see cref="LightRuntimeCounters"/> reads everything else at about a third of the cost.
/// </remarks>
/// <param name="Gen0Collections">Generation-0 collections (a gen-1 or gen-2 collection counts here too, as in <see cref="GC.CollectionCount"/>).</param>
/// <param name="Gen1Collections">Generation-1 collections (including gen-2 ones).</param>
/// <param name="Gen2Collections">Generation-2 (full) collections.</param>
/// <param name="GcPauseTime">Total time the runtime was paused for GC.</param>
/// <param name="LockContentions">Times a thread had to wait for a contended <see cref="Monitor"/> lock.</param>
/// <param name="ThreadPoolCompletedWorkItems">Work items the thread pool completed.</param>
/// <param name="JitCompiledMethods">Methods compiled by the JIT (all threads).</param>
/// <param name="JitCompiledILBytes">Bytes of IL compiled by the JIT (all threads).</param>
/// <param name="JitCompilationTime">Time spent compiling (all threads).</param>
/// <param name="ThreadAllocatedBytes">Bytes allocated by the current thread, exact.</param>
/// <param name="TotalAllocatedBytes">Bytes allocated by the process, imprecise (moves in allocation-context steps of about 8 KB).</param>
public readonly record struct RuntimeCounters(
    long Gen0Collections,
    long Gen1Collections,
    long Gen2Collections,
    TimeSpan GcPauseTime,
    long LockContentions,
    long ThreadPoolCompletedWorkItems,
    long JitCompiledMethods,
    long JitCompiledILBytes,
    TimeSpan JitCompilationTime,
    long ThreadAllocatedBytes,
    long TotalAllocatedBytes)
{
    /// <summary>Reads every counter now. Allocates nothing.</summary>
    /// <returns>The snapshot.</returns>
    public static RuntimeCounters Capture() => new(
        GC.CollectionCount(0),
        GC.CollectionCount(1),
        GC.CollectionCount(2),
        GC.GetTotalPauseDuration(),
        Monitor.LockContentionCount,
        ThreadPool.CompletedWorkItemCount,
        JitInfo.GetCompiledMethodCount(currentThread: false),
        JitInfo.GetCompiledILBytes(currentThread: false),
        JitInfo.GetCompilationTime(currentThread: false),
        GC.GetAllocatedBytesForCurrentThread(),
        GC.GetTotalAllocatedBytes(precise: false));

    /// <summary>Gets a delta in which every counter is zero.</summary>
    public static RuntimeCounters Zero => default;

    /// <summary>The change of every counter from <paramref name="before"/> to <paramref name="after"/>.</summary>
    /// <param name="after">The later snapshot.</param>
    /// <param name="before">The earlier snapshot.</param>
    /// <returns>The delta.</returns>
    public static RuntimeCounters operator -(RuntimeCounters after, RuntimeCounters before) => new(
        after.Gen0Collections - before.Gen0Collections,
        after.Gen1Collections - before.Gen1Collections,
        after.Gen2Collections - before.Gen2Collections,
        after.GcPauseTime - before.GcPauseTime,
        after.LockContentions - before.LockContentions,
        after.ThreadPoolCompletedWorkItems - before.ThreadPoolCompletedWorkItems,
        after.JitCompiledMethods - before.JitCompiledMethods,
        after.JitCompiledILBytes - before.JitCompiledILBytes,
        after.JitCompilationTime - before.JitCompilationTime,
        after.ThreadAllocatedBytes - before.ThreadAllocatedBytes,
        after.TotalAllocatedBytes - before.TotalAllocatedBytes);

    /// <summary>Subtracts two snapshots; the same as the <c>-</c> operator.</summary>
    /// <param name="after">The later snapshot.</param>
    /// <param name="before">The earlier snapshot.</param>
    /// <returns>The delta.</returns>
    public static RuntimeCounters Subtract(RuntimeCounters after, RuntimeCounters before) => after - before;

    /// <summary>Formats the counters on one line, e.g. <c>gc 0/0/0, gc pause 0 ms, contentions 0, ...</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"gc0 {Gen0Collections}, gc1 {Gen1Collections}, gc2 {Gen2Collections}, ");
        text.Append(CultureInfo.InvariantCulture, $"gc pause {GcPauseTime.TotalMilliseconds:0.###} ms, ");
        text.Append(CultureInfo.InvariantCulture, $"lock contentions {LockContentions}, ");
        text.Append(CultureInfo.InvariantCulture, $"thread-pool work items {ThreadPoolCompletedWorkItems}, ");
        text.Append(CultureInfo.InvariantCulture, $"jit {JitCompiledMethods} methods / {JitCompiledILBytes} B IL / {JitCompilationTime.TotalMilliseconds:0.###} ms, ");
        text.Append(CultureInfo.InvariantCulture, $"allocated {ThreadAllocatedBytes} B on this thread, ~{TotalAllocatedBytes} B in the process");
        return text.ToString();
    }
}
