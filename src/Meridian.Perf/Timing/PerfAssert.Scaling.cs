using System.Globalization;

namespace Meridian.Perf;

/// <content>Scaling assertions.</content>
public static partial class PerfAssert
{
    /// <summary>
    /// Asserts that <paramref name="body"/>'s time grows no faster than n^<paramref name="exponent"/>: it fails when
    /// the whole 95 % interval of the fitted exponent lies above <paramref name="exponent"/> + <paramref name="tolerance"/>.
    /// </summary>
    /// <param name="exponent">The allowed exponent: 1 for "at most linear".</param>
    /// <param name="sizes">At least three distinct positive sizes, ideally spanning a factor of 10 or more.</param>
    /// <param name="body">The code to time, given the size.</param>
    /// <param name="tolerance">Slack for curvature and constant costs; default 0.2.</param>
    /// <param name="options">Passes, batches and warm-up; <see cref="ScalingOptions.Default"/> when null.</param>
    /// <returns>The measurement.</returns>
    /// <exception cref="PerformanceAssertionException">The body grows faster than allowed.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The exponent is not finite, or the tolerance is negative or not finite.</exception>
    public static ScalingResult GrowsAtMost(double exponent, IReadOnlyList<int> sizes, Action<int> body, double tolerance = 0.2, ScalingOptions? options = null)
    {
        // Validate before spending seconds measuring: the same rules GrowsAtMost applies to a result.
        if (!double.IsFinite(exponent) || !double.IsFinite(tolerance) || tolerance < 0)
        {
            throw new ArgumentOutOfRangeException(
                double.IsFinite(exponent) ? nameof(tolerance) : nameof(exponent),
                "The exponent must be finite, and the tolerance finite and 0 or more.");
        }

        var result = Bench.Scaling(sizes, body, options);
        if (!result.GrowsAtMost(exponent, tolerance))
        {
            throw new PerformanceAssertionException(string.Create(
                CultureInfo.InvariantCulture,
                $"Expected the time to grow at most as n^{exponent:0.###} (tolerance {tolerance:0.###}), but it grows as n^{result.Exponent:0.000}, and the whole 95 % interval [{result.ExponentInterval.Lower:0.000} {result.ExponentInterval.Upper:0.000}] lies above {exponent + tolerance:0.###}.\n{result}"));
        }

        return result;
    }
}
