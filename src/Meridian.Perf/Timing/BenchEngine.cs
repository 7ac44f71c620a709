using System.Diagnostics;

namespace Meridian.Perf;

/// <summary>The sampling loop behind <see cref="Bench.Run(Action, BenchOptions?)"/>.</summary>
internal static class BenchEngine
{
    private const int MinimumSamples = 5;

    public static BenchResult Run<TInvoker>(ref TInvoker invoker, BenchOptions options)
        where TInvoker : struct, IBodyInvoker
    {
        long start = Stopwatch.GetTimestamp();
        double overhead = HarnessOverhead.NanosecondsPerOperation;
        long operations = 1;
        long unused = 0;
        var warmup = Warmup.Run(ref invoker, ref operations, ref invoker, ref unused, hasSecond: false, options.Plan);

        long budgetEnd = start + SamplingPlan.ToTicks(options.MaxTime);
        var samples = new double[options.Samples];
        int taken = 0;
        long totalBytes = 0;
        long measuringStart = Stopwatch.GetTimestamp();
        var before = RuntimeCounters.Capture();
        while (taken < samples.Length && (taken < MinimumSamples || Stopwatch.GetTimestamp() < budgetEnd))
        {
            var batch = BatchRunner.Run(ref invoker, operations);
            samples[taken++] = SubtractOverhead(batch.NanosecondsPerOperation, overhead);
            totalBytes += batch.Bytes;
        }

        var counters = RuntimeCounters.Capture() - before;
        var measuring = Stopwatch.GetElapsedTime(measuringStart);
        return Results.ResultsSink.Recorded(new BenchResult(samples[..taken], operations, operations * taken, totalBytes, overhead, warmup, measuring, counters, options));
    }

    // A body at the timer's limit can measure below the overhead; keep samples positive (their logarithms are taken) and let the result warn.
    public static double SubtractOverhead(double nanosecondsPerOperation, double overhead) =>
        Math.Max(nanosecondsPerOperation - overhead, nanosecondsPerOperation * 0.01);
}
