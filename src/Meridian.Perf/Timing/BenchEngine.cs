using System.Diagnostics;

namespace Meridian.Perf;

/// <summary>The sampling loop behind <see cref="Bench.Run(Action, BenchOptions?)"/>.</summary>
internal static class BenchEngine
{
    private const int MinimumSamples = 5;
    private const int MaxAttempts = 3;

    public static BenchResult Run<TInvoker>(ref TInvoker invoker, BenchOptions options)
        where TInvoker : struct, IBodyInvoker
    {
        long start = Stopwatch.GetTimestamp();
        long budgetEnd = start + SamplingPlan.ToTicks(options.MaxTime);
        double overhead = HarnessOverhead.NanosecondsPerOperation;
        long operations = 1;
        long unused = 0;
        var warmup = Warmup.Run(ref invoker, ref operations, ref invoker, ref unused, hasSecond: false, options.Plan);
        var samples = new double[options.Samples];
        var earlierMoves = new List<string>();
        int attempt = 0;
        while (true)
        {
            attempt++;
            var sampling = Sample(ref invoker, operations, overhead, samples, budgetEnd);
            string? moved = SteadyState.Moved(samples.AsSpan(0, sampling.Taken));

            // Measure again only while another warm-up and a measurement as long as this one fit in the budget.
            long needed = SamplingPlan.ToTicks(options.WarmupQuietPeriod + sampling.Elapsed);
            if (moved is null || attempt == MaxAttempts || Stopwatch.GetTimestamp() + needed > budgetEnd)
            {
                var steadiness = new Steadiness(moved, earlierMoves, sampling.CpuShare);
                return Results.ResultsSink.Recorded(new BenchResult(samples[..sampling.Taken], operations, operations * sampling.Taken, sampling.Bytes, overhead, warmup, sampling.Elapsed, sampling.Counters, options, steadiness));
            }

            earlierMoves.Add(moved);
            var again = Warmup.Run(ref invoker, ref operations, ref invoker, ref unused, hasSecond: false, options.Plan);
            warmup = warmup with { Elapsed = warmup.Elapsed + again.Elapsed, JitQuiet = again.JitQuiet, SpeedSettled = again.SpeedSettled, CompiledMethods = warmup.CompiledMethods + again.CompiledMethods };
        }
    }

    // A body at the timer's limit can measure below the overhead; keep samples positive (their logarithms are taken) and let the result warn.
    public static double SubtractOverhead(double nanosecondsPerOperation, double overhead) =>
        Math.Max(nanosecondsPerOperation - overhead, nanosecondsPerOperation * 0.01);

    private static Sampling Sample<TInvoker>(ref TInvoker invoker, long operations, double overhead, double[] samples, long budgetEnd)
        where TInvoker : struct, IBodyInvoker
    {
        int taken = 0;
        long totalBytes = 0;
        long? cpuBefore = ThreadCpuTime.NowNanoseconds();
        long measuringStart = Stopwatch.GetTimestamp();
        var before = RuntimeCounters.Capture();
        while (taken < samples.Length && (taken < MinimumSamples || Stopwatch.GetTimestamp() < budgetEnd))
        {
            var batch = BatchRunner.Run(ref invoker, operations);
            samples[taken++] = SubtractOverhead(batch.NanosecondsPerOperation, overhead);
            totalBytes += batch.Bytes;
        }

        var counters = RuntimeCounters.Capture() - before;
        var elapsed = Stopwatch.GetElapsedTime(measuringStart);
        double? cpuShare = cpuBefore is { } start && ThreadCpuTime.NowNanoseconds() is { } end && elapsed > TimeSpan.Zero
            ? Math.Min(1, (end - start) / (elapsed.TotalSeconds * 1e9))
            : null;
        return new Sampling(taken, totalBytes, counters, elapsed, cpuShare);
    }

    private readonly record struct Sampling(int Taken, long Bytes, RuntimeCounters Counters, TimeSpan Elapsed, double? CpuShare);
}
