using System.Globalization;
using System.Text;
using Meridian.Perf.Statistics;

namespace Meridian.Perf;

/// <summary>
/// How a body's time grows with the size of its input: the median time per operation at each size and the exponent
/// of a power law fitted on log–log axes (1 = linear, 2 = quadratic).
/// </summary>
public sealed class ScalingResult
{
    internal ScalingResult(int[] sizes, SampleSummary[] samples, PowerLawFit fit, IReadOnlyList<string> warnings)
    {
        Warnings = warnings;
        Sizes = sizes;
        Samples = samples;
        Fit = fit;
    }

    /// <summary>Gets the sizes measured, in the order given.</summary>
    public IReadOnlyList<int> Sizes { get; }

    /// <summary>Gets the samples of each size, in nanoseconds per operation.</summary>
    public IReadOnlyList<SampleSummary> Samples { get; }

    /// <summary>Gets what may make the figures less trustworthy (a size whose warm-up hit its cap, or whose batches moved while measuring), in words; empty when nothing was noticed.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Gets the power law fitted to the medians.</summary>
    public PowerLawFit Fit { get; }

    /// <summary>Gets the fitted exponent.</summary>
    public double Exponent => Fit.Exponent;

    /// <summary>Gets the 95 % confidence interval of the exponent.</summary>
    public ConfidenceInterval ExponentInterval => Fit.ExponentInterval;

    /// <summary>
    /// Gets whether the measurements are consistent with growth no faster than n^<paramref name="exponent"/>: false
    /// only when the whole interval of the fitted exponent lies above <paramref name="exponent"/> + <paramref name="tolerance"/>.
    /// </summary>
    /// <param name="exponent">The allowed exponent: 1 for "at most linear".</param>
    /// <param name="tolerance">Slack for curvature and constant costs; n log n fits an exponent of about 1.1–1.2 over common ranges.</param>
    /// <returns>Whether the growth may be within the bound.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The exponent is not finite, or the tolerance is negative or not finite.</exception>
    public bool GrowsAtMost(double exponent, double tolerance = 0.2)
    {
        // A NaN would make every comparison false and the assertion fail with "lies above NaN".
        if (!double.IsFinite(exponent))
        {
            throw new ArgumentOutOfRangeException(nameof(exponent), exponent, "The exponent must be a finite number, e.g. 1 for linear.");
        }

        if (!double.IsFinite(tolerance) || tolerance < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "The tolerance must be a finite number, 0 or more.");
        }

        return ExponentInterval.Lower <= exponent + tolerance;
    }

    /// <summary>Formats the sizes, their medians and the fitted exponent.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        var text = new StringBuilder();
        for (int i = 0; i < Sizes.Count; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"n = {Sizes[i]}: median {TimeText.Nanoseconds(Samples[i].Median)} ({Samples[i].Count} samples)").AppendLine();
        }

        text.Append(CultureInfo.InvariantCulture, $"time ∝ n^{Exponent:0.000} [{ExponentInterval.Lower:0.000} {ExponentInterval.Upper:0.000}] (95 % CI of the exponent; least squares on log–log axes, R² = {Fit.RSquared:0.0000})");
        foreach (string warning in Warnings)
        {
            text.AppendLine().Append("warning: ").Append(warning);
        }
        return text.ToString();
    }
}
