using System.Diagnostics;
using System.Runtime;

namespace Meridian.Perf;

/// <summary>
/// Runs bodies until the JIT is quiet (no method compiled anywhere in the process for the quiet period, as counted
/// by <see cref="JitInfo.GetCompiledMethodCount"/>) or the cap is reached, calibrating meanwhile how many operations
/// make a batch of the target length. A fixed warm-up can end while tier-1 code for the body or the framework code it
/// calls is still being compiled in the background, and the measurement then sees a step change.
/// </summary>
internal static class Warmup
{
    public static WarmupOutcome Run<TFirst, TSecond>(
        ref TFirst first,
        ref long firstOperations,
        ref TSecond second,
        ref long secondOperations,
        bool hasSecond,
        SamplingPlan plan)
        where TFirst : struct, IBodyInvoker
        where TSecond : struct, IBodyInvoker
    {
        long start = Stopwatch.GetTimestamp();
        long compiledAtStart = JitInfo.GetCompiledMethodCount(currentThread: false);
        long compiled = compiledAtStart;
        long lastCompilation = start;
        firstOperations = 1;
        secondOperations = 1;
        while (true)
        {
            firstOperations = NextBatchSize(BatchRunner.Run(ref first, firstOperations), plan.BatchTicks);
            if (hasSecond)
            {
                secondOperations = NextBatchSize(BatchRunner.Run(ref second, secondOperations), plan.BatchTicks);
            }

            long now = Stopwatch.GetTimestamp();
            long count = JitInfo.GetCompiledMethodCount(currentThread: false);
            if (count != compiled)
            {
                compiled = count;
                lastCompilation = now;
            }

            bool quiet = now - lastCompilation >= plan.QuietTicks;
            if (quiet || now - start >= plan.MaxWarmupTicks)
            {
                return new WarmupOutcome(Stopwatch.GetElapsedTime(start), quiet, compiled - compiledAtStart);
            }
        }
    }

    // Aims the next batch at the target length; grows at most tenfold a step so one unusually fast batch cannot make a huge one.
    private static long NextBatchSize(Batch batch, long targetTicks)
    {
        double ticksPerOperation = Math.Max(1, batch.Ticks) / (double)batch.Operations;
        long next = (long)Math.Ceiling(targetTicks / ticksPerOperation);
        return Math.Clamp(next, 1, Math.Max(1, batch.Operations * 10));
    }
}
