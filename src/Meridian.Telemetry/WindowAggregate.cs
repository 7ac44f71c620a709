namespace Meridian.Telemetry;

/// <summary>What one sensor reported in one window of <see cref="WindowLengthNs"/>: the output of the aggregate stage.</summary>
/// <param name="SensorId">The sensor.</param>
/// <param name="WindowStartNs">The window's start, Unix nanoseconds, a multiple of <see cref="WindowLengthNs"/>.</param>
/// <param name="Count">The number of samples.</param>
/// <param name="Min">The smallest sample.</param>
/// <param name="Max">The largest sample.</param>
/// <param name="Mean">The mean of the samples, summed in <see cref="double"/> in arrival order and rounded to <see cref="float"/>.</param>
public readonly record struct WindowAggregate(uint SensorId, long WindowStartNs, int Count, float Min, float Max, float Mean)
{
    /// <summary>The window length: one second, in nanoseconds.</summary>
    public const long WindowLengthNs = 1_000_000_000;

    /// <summary>
    /// The earliest timestamp whose window start is representable: the smallest multiple of <see cref="WindowLengthNs"/>
    /// that a <see cref="long"/> holds (−9 223 372 036 s). Earlier timestamps, the first 0.85 s above
    /// <see cref="long.MinValue"/>, are rejected as <see cref="RejectReason.TimestampOutOfRange"/>.
    /// </summary>
    public const long MinTimestampNs = long.MinValue / WindowLengthNs * WindowLengthNs;

    /// <summary>The start of the window that contains <paramref name="timestampNs"/> (floor, also for times before 1970).</summary>
    /// <param name="timestampNs">A timestamp in Unix nanoseconds, at least <see cref="MinTimestampNs"/>.</param>
    /// <returns>The window start.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timestampNs"/> is below <see cref="MinTimestampNs"/>.</exception>
    public static long WindowStartOf(long timestampNs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(timestampNs, MinTimestampNs);
        long remainder = timestampNs % WindowLengthNs;
        return remainder >= 0 ? timestampNs - remainder : timestampNs - remainder - WindowLengthNs;
    }
}
