namespace Meridian.Telemetry.Audit;

/// <summary>Frames per second of one target, from several timed samples.</summary>
/// <param name="Name">What was measured.</param>
/// <param name="SamplesPerSecond">Frames per second of each sample, in measurement order: per second of the thread's CPU time where the platform tells it, else of wall-clock time.</param>
/// <param name="WallSamplesPerSecond">Frames per second of wall-clock time of each sample.</param>
/// <param name="Method">How it was measured, for the report.</param>
internal sealed record ThroughputResult(string Name, IReadOnlyList<double> SamplesPerSecond, IReadOnlyList<double> WallSamplesPerSecond, string Method)
{
    public double WallMedian => MedianOf(WallSamplesPerSecond);

    public double Median => MedianOf(SamplesPerSecond);

    public double Min => SamplesPerSecond.Min();

    public double Max => SamplesPerSecond.Max();

    /// <summary>Nanoseconds per frame at the median.</summary>
    public double NanosecondsPerFrame => 1e9 / Median;

    private static double MedianOf(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        int mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
