using Meridian.Perf;

namespace Meridian.Telemetry.Audit;

/// <summary>
/// Phase 1's one way to time a target: <see cref="Bench.Run(Action, BenchOptions?)"/> (warm-up until the JIT is quiet,
/// then batches of about 2 ms, each one sample); then, as a cross-check that the load did not move the figure, the same
/// body for another <see cref="CrossCheckBatches"/> batches under <see cref="PerfStat"/>, which reads the thread's CPU
/// time. A figure is settled when Bench raised no warning and its median rate agrees with the CPU-time rate within the
/// noise; otherwise the target is measured once more, and if it is still not settled it is marked so and no conclusion
/// is drawn from it.
/// </summary>
internal static class ThroughputMeter
{
    /// <summary>The smallest disagreement between the wall-clock median and the CPU-time rate that counts as more than noise.</summary>
    public const double AgreementFloor = 0.10;

    private const int CrossCheckBatches = 25;

    public static Throughput Measure(string target, Action body, int framesPerCall, BenchOptions options)
    {
        var first = MeasureOnce(target, body, framesPerCall, options, attempt: 1);
        return first.IsSettled ? first : MeasureOnce(target, body, framesPerCall, options, attempt: 2);
    }

    /// <summary>
    /// The noise allowed between the two readings: the relative half-width of Bench's 95 % interval of the mean, twice
    /// (the CPU-time reading has no interval of its own), and never less than <see cref="AgreementFloor"/>.
    /// </summary>
    public static double AllowedDisagreement(BenchResult bench)
    {
        var interval = bench.Summary.MeanConfidenceInterval;
        double halfWidth = (interval.Upper - interval.Lower) / 2 / bench.MeanNanoseconds;
        return Math.Max(AgreementFloor, 2 * halfWidth);
    }

    private static Throughput MeasureOnce(string target, Action body, int framesPerCall, BenchOptions options, int attempt)
    {
        var result = Bench.Run(body, options);
        long calls = result.OperationsPerBatch * CrossCheckBatches;
        var stat = PerfStat.Measure((body, calls), static s =>
        {
            for (long i = 0; i < s.calls; i++)
            {
                s.body();
            }
        });

        double? share = null;
        double? cpuRate = null;
        if (stat.CpuTime is { } cpu && cpu > TimeSpan.Zero)
        {
            share = Math.Min(1, cpu / stat.WallTime);
            cpuRate = calls * (double)framesPerCall / cpu.TotalSeconds;
        }

        var reasons = result.Warnings.Select(w => $"Bench warned: {w}").ToList();
        double medianRate = framesPerCall * 1e9 / result.MedianNanoseconds;
        if (cpuRate is { } rate)
        {
            double disagreement = Math.Abs((medianRate / rate) - 1);
            double allowed = AllowedDisagreement(result);
            if (disagreement > allowed)
            {
                reasons.Add($"the wall-clock median ({Format.Rate(medianRate)}) and the CPU-time rate ({Format.Rate(rate)}) differ by {Format.Percent(disagreement)}, more than the {Format.Percent(allowed)} the noise allows");
            }
        }

        return new Throughput(target, result, framesPerCall, share, cpuRate, reasons.Count == 0 ? null : string.Join("; ", reasons), attempt);
    }
}
