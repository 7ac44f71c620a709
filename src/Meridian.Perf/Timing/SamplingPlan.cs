namespace Meridian.Perf;

/// <summary>
/// The warm-up and batch settings shared by <see cref="BenchOptions"/>, <see cref="CompareOptions"/> and
/// <see cref="ScalingOptions"/>: their defaults and rules live here once.
/// </summary>
internal readonly record struct SamplingPlan(TimeSpan WarmupQuietPeriod, TimeSpan MaxWarmupTime, TimeSpan BatchTime)
{
    /// <summary>350 ms without JIT activity (see <see cref="SteadyState"/>), at most 1 s of warm-up, 2 ms batches.</summary>
    public static SamplingPlan Default { get; } = new(SteadyState.DefaultQuietPeriod, TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(2));

    public long QuietTicks => ToTicks(WarmupQuietPeriod);

    public long MaxWarmupTicks => ToTicks(MaxWarmupTime);

    public long BatchTicks => Math.Max(1, ToTicks(BatchTime));

    public static long ToTicks(TimeSpan span) => (long)(span.TotalSeconds * System.Diagnostics.Stopwatch.Frequency);

    public SamplingPlan WithWarmupQuietPeriod(TimeSpan value) =>
        this with { WarmupQuietPeriod = TimingGuard.NotNegative(value, nameof(WarmupQuietPeriod)) };

    public SamplingPlan WithMaxWarmupTime(TimeSpan value) =>
        this with { MaxWarmupTime = TimingGuard.NotNegative(value, nameof(MaxWarmupTime)) };

    public SamplingPlan WithBatchTime(TimeSpan value) =>
        this with { BatchTime = TimingGuard.Positive(value, nameof(BatchTime)) };
}
