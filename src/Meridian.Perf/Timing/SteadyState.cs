using System.Globalization;
using Meridian.Perf.Statistics;

namespace Meridian.Perf;

/// <summary>
/// The one rule for "the body runs at its steady speed", shared by <see cref="Bench.Run(Action, BenchOptions?)"/>,
/// <see cref="Bench.Compare(Action, Action, CompareOptions?)"/>, <see cref="Bench.Scaling"/> and stored baselines:
/// when a warm-up may end, and whether the batches measured afterwards moved.
/// </summary>
/// <remarks>
/// <para>Why a quiet JIT alone is not enough (measured on .NET 10, default tiering, a float-formatting body): the
/// runtime does not start counting calls for tier-up until 100 ms pass without a new method being called for the
/// first time (<c>TC_CallCountingDelayMs</c>; the timer re-arms while new methods appear), so the JIT compiles nothing
/// for 200–250 ms while the body runs ReadyToRun or tier-0 code at 1.7–2.3× its final time. Tier-up then goes through
/// dynamic PGO's instrumented code, 3.5× slower than the final code, for another quiet 175 ms. With
/// <c>DOTNET_TC_CallCountingDelayMs=0</c> the body settled in 0.2 s instead of 0.5–0.7 s; with
/// <c>DOTNET_TieredPGO=0</c> the instrumented phase vanished but the final code was 17 % slower. Over eight
/// framework-heavy bodies the longest JIT-quiet stretch before the speed settled was 249 ms.</para>
/// <para>So a warm-up ends only when the JIT has been quiet for longer than that stretch and the fastest batch has
/// stopped improving; after measuring, <see cref="Moved"/> compares the first third of the batches with the last.</para>
/// </remarks>
internal static class SteadyState
{
    /// <summary>How far the lower quartiles of the first and last thirds of the batches may differ before the batches count as moved.</summary>
    public const double MovedThreshold = 0.10;

    /// <summary>How much faster the latest window's fastest batch may be than the previous window's while the speed counts as settled.</summary>
    public const double StillImproving = 0.05;

    /// <summary>The default quiet period: longer than the 249 ms the JIT was measured quiet while a body still sped up.</summary>
    public static readonly TimeSpan DefaultQuietPeriod = TimeSpan.FromMilliseconds(350);

    /// <summary>Fewer batches than this are too few to split into thirds.</summary>
    private const int MinimumForCheck = 9;

    /// <summary>
    /// Compares the lower quartile of the first third of <paramref name="batches"/> (time per operation, in the order
    /// measured) with that of the last third. The lower quartile follows the code's speed and ignores the batches that
    /// another process slowed down.
    /// </summary>
    /// <returns>What moved, in words, or <see langword="null"/> when the batches held still (or are too few to tell).</returns>
    public static string? Moved(ReadOnlySpan<double> batches, string what = "the batches")
    {
        if (batches.Length < MinimumForCheck)
        {
            return null;
        }

        int third = batches.Length / 3;
        double first = LowerQuartile(batches[..third]);
        double last = LowerQuartile(batches[^third..]);
        double change = (last / first) - 1;
        if (Math.Abs(change) <= MovedThreshold)
        {
            return null;
        }

        string direction = change < 0 ? "faster" : "slower";
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{what} moved while measuring: the last third's lower quartile ({TimeText.Nanoseconds(last)}) is {Math.Abs(change) * 100:0} % {direction} than the first third's ({TimeText.Nanoseconds(first)}), beyond the ±{MovedThreshold * 100:0} % a steady body stays within — {(change < 0 ? "the code was still speeding up (tier-up or dynamic PGO finishing during the measurement), or the machine's load fell" : "the machine's load rose, or the code changed (a deoptimization, a cache or GC state building up)")}; the figures mix two speeds");
    }

    private static double LowerQuartile(ReadOnlySpan<double> values)
    {
        double[] sorted = values.ToArray();
        Array.Sort(sorted);
        return Quantiles.OfSorted(sorted, 0.25);
    }

    /// <summary>
    /// Tracks the fastest batch per window of the warm-up (a window is half the quiet period) so the warm-up can tell
    /// whether the speed still improves. Allocation-free: the warm-up runs it after every batch.
    /// </summary>
    public struct SpeedTrend(long windowTicks)
    {
        private readonly long _windowTicks = Math.Max(1, windowTicks);
        private long _windowStart;
        private double _current;
        private double _previous;
        private double _beforePrevious;

        /// <summary>Records a batch's ticks per operation at time <paramref name="now"/>.</summary>
        public void Add(long now, double ticksPerOperation)
        {
            if (_windowStart == 0)
            {
                _windowStart = now;
                _current = double.MaxValue;
                _previous = double.MaxValue;
                _beforePrevious = double.MaxValue;
            }

            if (now - _windowStart >= _windowTicks)
            {
                _beforePrevious = _previous;
                _previous = _current;
                _current = double.MaxValue;
                _windowStart = now;
            }

            _current = Math.Min(_current, ticksPerOperation);
        }

        /// <summary>
        /// Gets whether the two latest complete windows exist and the later one's fastest batch is not more than
        /// <see cref="StillImproving"/> faster than the earlier one's.
        /// </summary>
        public readonly bool Settled =>
            _beforePrevious != double.MaxValue && _previous != double.MaxValue && _previous >= _beforePrevious * (1 - StillImproving);
    }
}
