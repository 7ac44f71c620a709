using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Meridian.Perf;

/// <summary>The timed loop: the one place a batch is measured.</summary>
internal static class BatchRunner
{
    /// <summary>Runs <paramref name="operations"/> calls between two timestamps, reading the thread's allocated bytes outside them.</summary>
    /// <remarks>
    /// Compiled fully optimized on its first call and never re-instrumented (no dynamic PGO), so the loop itself is the
    /// same code for the whole measurement and the JIT cannot inline a particular body into it: the baseline and the
    /// candidate of a comparison run through identical machine code.
    /// </remarks>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static Batch Run<TInvoker>(ref TInvoker invoker, long operations)
        where TInvoker : struct, IBodyInvoker
    {
        long bytesBefore = GC.GetAllocatedBytesForCurrentThread();
        long start = Stopwatch.GetTimestamp();
        for (long i = 0; i < operations; i++)
        {
            invoker.Invoke();
        }

        long end = Stopwatch.GetTimestamp();
        long bytesAfter = GC.GetAllocatedBytesForCurrentThread();
        return new Batch(end - start, bytesAfter - bytesBefore, operations);
    }
}
