namespace Meridian.Perf;

/// <summary>One timed batch: <see cref="Operations"/> back-to-back calls of a body, their elapsed time and exact allocations.</summary>
internal readonly record struct Batch(long Ticks, long Bytes, long Operations)
{
    public double NanosecondsPerOperation => Ticks * TimeText.NanosecondsPerTick / Operations;

    /// <summary>Gets the ticks per operation, counting a batch shorter than one tick as one tick.</summary>
    public double TicksPerOperation => Math.Max(1, Ticks) / (double)Operations;
}
