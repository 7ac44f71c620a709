using System.Diagnostics;
using System.Runtime;

namespace Meridian.Perf;

/// <summary>
/// Runs bodies until their speed has settled by <see cref="SteadyState"/>'s rule — the JIT quiet (no method compiled
/// anywhere in the process for the quiet period, as counted by <see cref="JitInfo.GetCompiledMethodCount"/>) and each
/// body's fastest batch no longer improving — or the cap is reached, calibrating meanwhile how many operations make a
/// batch of the target length. A fixed warm-up can end while tier-1 code for the body or the framework code it calls
/// is still waiting to be compiled, and the measurement then sees a step change.
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
        var firstSizer = new BatchSizer(plan.BatchTicks);
        var secondSizer = new BatchSizer(plan.BatchTicks);
        var firstTrend = new SteadyState.SpeedTrend(plan.QuietTicks / 2);
        var secondTrend = new SteadyState.SpeedTrend(plan.QuietTicks / 2);
        while (true)
        {
            var batch = BatchRunner.Run(ref first, firstOperations);
            firstTrend.Add(Stopwatch.GetTimestamp(), batch.TicksPerOperation);
            firstOperations = firstSizer.Next(batch);
            if (hasSecond)
            {
                batch = BatchRunner.Run(ref second, secondOperations);
                secondTrend.Add(Stopwatch.GetTimestamp(), batch.TicksPerOperation);
                secondOperations = secondSizer.Next(batch);
            }

            long now = Stopwatch.GetTimestamp();
            long count = JitInfo.GetCompiledMethodCount(currentThread: false);
            if (count != compiled)
            {
                compiled = count;
                lastCompilation = now;
            }

            bool quiet = now - lastCompilation >= plan.QuietTicks;
            bool settled = plan.QuietTicks == 0 || (firstTrend.Settled && (!hasSecond || secondTrend.Settled));
            if ((quiet && settled) || now - start >= plan.MaxWarmupTicks)
            {
                return new WarmupOutcome(Stopwatch.GetElapsedTime(start), quiet, settled, compiled - compiledAtStart, plan.WarmupQuietPeriod);
            }
        }
    }

    /// <summary>
    /// Aims the next batch at the target length from the fastest time per operation of the recent batches: on a busy
    /// machine a batch that was descheduled looks slower than the code is, and sizing from it would make short batches.
    /// Grows at most tenfold a step, so one unusually fast batch cannot make a huge one.
    /// </summary>
    private struct BatchSizer(long targetTicks)
    {
        private const int Remembered = 8;
        private double _best0, _best1, _best2, _best3, _best4, _best5, _best6, _best7;
        private int _count;

        public long Next(Batch batch)
        {
            Remember(batch.TicksPerOperation);
            double fastest = Fastest();
            long next = (long)Math.Ceiling(targetTicks / fastest);
            return Math.Clamp(next, 1, Math.Max(1, batch.Operations * 10));
        }

        // A fixed ring of the last eight values without an array: the warm-up allocates nothing per batch.
        private void Remember(double value)
        {
            switch (_count++ % Remembered)
            {
                case 0: _best0 = value; break;
                case 1: _best1 = value; break;
                case 2: _best2 = value; break;
                case 3: _best3 = value; break;
                case 4: _best4 = value; break;
                case 5: _best5 = value; break;
                case 6: _best6 = value; break;
                default: _best7 = value; break;
            }
        }

        private readonly double Fastest()
        {
            int filled = Math.Min(_count, Remembered);
            double min = double.MaxValue;
            for (int i = 0; i < filled; i++)
            {
                double value = i switch { 0 => _best0, 1 => _best1, 2 => _best2, 3 => _best3, 4 => _best4, 5 => _best5, 6 => _best6, _ => _best7 };
                min = Math.Min(min, value);
            }

            return min;
        }
    }
}
