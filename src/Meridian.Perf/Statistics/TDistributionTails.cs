using MathNet.Numerics.Distributions;

namespace Meridian.Perf.Statistics;

/// <summary>Student-t tail probabilities, computed from the tail nearer the statistic so small p-values keep their precision.</summary>
internal static class TDistributionTails
{
    public static (double Less, double Greater, double TwoSided) PValues(double t, double degreesOfFreedom)
    {
        // CDF(-|t|) is the small tail; 1 - CDF(|t|) would lose it to cancellation.
        double smallTail = StudentT.CDF(0, 1, degreesOfFreedom, -Math.Abs(t));
        double less = t <= 0 ? smallTail : 1 - smallTail;
        double greater = t >= 0 ? smallTail : 1 - smallTail;
        return (less, greater, Math.Min(1, 2 * smallTail));
    }
}
