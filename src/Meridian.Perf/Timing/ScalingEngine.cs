using Meridian.Perf.Statistics;

namespace Meridian.Perf;

/// <summary>Warm-up of every size, then passes that measure the sizes in turn.</summary>
internal static class ScalingEngine
{
    public static ScalingResult Run(int[] sizes, Action<int> body, ScalingOptions options)
    {
        double overhead = HarnessOverhead.NanosecondsPerOperation;
        var invokers = new StateBodyInvoker<int>[sizes.Length];
        var operations = new long[sizes.Length];
        var warnings = new List<string>();
        for (int i = 0; i < sizes.Length; i++)
        {
            invokers[i] = new StateBodyInvoker<int>(sizes[i], body);
            long unused = 0;
            var warmup = Warmup.Run(ref invokers[i], ref operations[i], ref invokers[i], ref unused, hasSecond: false, options.Plan);
            if (!warmup.Steady)
            {
                warnings.Add($"n = {sizes[i]}: warm-up reached its cap before the speed settled: {warmup.CapReason()}.");
            }
        }

        int perSize = options.Passes * options.BatchesPerPass;
        var samples = new double[sizes.Length][];
        for (int i = 0; i < sizes.Length; i++)
        {
            samples[i] = new double[perSize];
        }

        for (int pass = 0; pass < options.Passes; pass++)
        {
            for (int i = 0; i < sizes.Length; i++)
            {
                for (int batch = 0; batch < options.BatchesPerPass; batch++)
                {
                    double nanoseconds = BatchRunner.Run(ref invokers[i], operations[i]).NanosecondsPerOperation;
                    samples[i][(pass * options.BatchesPerPass) + batch] = BenchEngine.SubtractOverhead(nanoseconds, overhead);
                }
            }
        }

        for (int i = 0; i < sizes.Length; i++)
        {
            // Each size's samples are in the order measured (pass by pass), so the steady-state check applies as is.
            if (SteadyState.Moved(samples[i], $"n = {sizes[i]}: the batches") is { } moved)
            {
                warnings.Add($"Not settled: {moved}.");
            }
        }

        var summaries = samples.Select(static s => SampleSummary.Of(s)).ToArray();
        var fit = PowerLawFit.Fit(sizes.Select(static n => (double)n).ToArray(), summaries.Select(static s => s.Median).ToArray());
        return new ScalingResult(sizes, summaries, fit, warnings);
    }
}
