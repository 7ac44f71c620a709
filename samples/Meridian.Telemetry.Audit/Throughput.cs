using Meridian.Perf;

namespace Meridian.Telemetry.Audit;

/// <summary>
/// Frames per second of one target, from Meridian.Perf's sampler: <see cref="Bench"/> times batches of calls (about
/// 2 ms each, wall clock) and gives nanoseconds per call; a call processes <see cref="FramesPerCall"/> frames.
/// </summary>
/// <param name="Target">What was measured, e.g. "naive decode".</param>
/// <param name="Bench">The sampler's result, per call.</param>
/// <param name="FramesPerCall">Frames one call processes.</param>
/// <param name="CpuShare">The thread's CPU time over wall-clock time during the cross-check run after <c>Bench.Run</c>:
/// below 1 when the scheduler ran other processes on this core; null where the OS does not tell.</param>
/// <param name="CpuTimeRate">Frames per second of the thread's CPU time during that run: what the warmed-up code does
/// while it has a core, whatever the load; null where the OS does not tell.</param>
/// <param name="Unsettled">Why the figure is not settled (Bench warned, or the wall-clock median and the CPU-time rate
/// disagree by more than the noise) after <paramref name="Attempts"/> measurements; null when it is settled.</param>
/// <param name="Attempts">How many times the target was measured (a second time when the first was not settled).</param>
internal sealed record Throughput(string Target, BenchResult Bench, int FramesPerCall, double? CpuShare, double? CpuTimeRate, string? Unsettled, int Attempts)
{
    /// <summary>Gets whether conclusions may be drawn from this figure.</summary>
    public bool IsSettled => Unsettled is null;

    /// <summary>Gets frames per second at the median time per call: the figure the targets are judged on.</summary>
    public double MedianRate => FramesPerCall * 1e9 / Bench.MedianNanoseconds;

    /// <summary>Gets frames per second at the mean time per call (frames over total time).</summary>
    public double MeanRate => FramesPerCall * 1e9 / Bench.MeanNanoseconds;

    /// <summary>Gets the 95 % confidence interval of <see cref="MeanRate"/>: the sampler's interval of the mean time per call, inverted (its upper time bound is the lower rate bound).</summary>
    public (double Lower, double Upper) RateInterval
    {
        get
        {
            var time = Bench.Summary.MeanConfidenceInterval;
            return (FramesPerCall * 1e9 / time.Upper, time.Lower > 0 ? FramesPerCall * 1e9 / time.Lower : double.PositiveInfinity);
        }
    }

    /// <summary>Gets nanoseconds per frame at the median.</summary>
    public double NanosecondsPerFrame => Bench.MedianNanoseconds / FramesPerCall;

    /// <summary>Gets the frames processed while sampling (warm-up excluded).</summary>
    public double FramesMeasured => (double)Bench.TotalOperations * FramesPerCall;

    /// <summary>Gets gen-0 collections per million frames while sampling (process-wide counter).</summary>
    public double CollectionsPerMillionFrames => Bench.Counters.Gen0Collections * 1e6 / FramesMeasured;

    /// <summary>Gets the runtime's GC pause time per frame while sampling, in nanoseconds.</summary>
    public double GcPauseNanosecondsPerFrame => Bench.Counters.GcPauseTime.TotalNanoseconds / FramesMeasured;

    /// <summary>Gets the outliers by Tukey's fences, counted, not removed.</summary>
    public int Outliers => Bench.Summary.Outliers.Total;

    /// <summary>Gets the slow outliers only (a batch the machine interrupted).</summary>
    public int SlowOutliers => Bench.Summary.Outliers.HighMild + Bench.Summary.Outliers.HighSevere;
}
