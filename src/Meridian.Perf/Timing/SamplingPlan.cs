namespace Meridian.Perf;

/// <summary>The warm-up and batch settings shared by <see cref="BenchOptions"/> and <see cref="CompareOptions"/>.</summary>
internal readonly record struct SamplingPlan(TimeSpan WarmupQuietPeriod, TimeSpan MaxWarmupTime, TimeSpan BatchTime)
{
    public long QuietTicks => ToTicks(WarmupQuietPeriod);

    public long MaxWarmupTicks => ToTicks(MaxWarmupTime);

    public long BatchTicks => Math.Max(1, ToTicks(BatchTime));

    public static long ToTicks(TimeSpan span) => (long)(span.TotalSeconds * System.Diagnostics.Stopwatch.Frequency);
}
