using MathNet.Numerics.Distributions;

namespace Meridian.Perf.Statistics;

/// <summary>
/// The Mann–Whitney U test (Wilcoxon rank-sum test) of whether values of one sample tend to be larger than values of
/// the other. It gives the same results as R's <c>wilcox.test(x, y)</c>: the exact distribution when both samples
/// have fewer than 50 values and there are no ties, otherwise the normal approximation with tie correction and
/// continuity correction.
/// </summary>
/// <remarks>
/// Mann, H. B.; Whitney, D. R. (1947). "On a test of whether one of two random variables is stochastically larger
/// than the other." Annals of Mathematical Statistics 18 (1): 50–60. It makes no assumption about the shape of the
/// distributions, so a few large outliers cannot dominate it the way they dominate a t-test; it says nothing about
/// the size of a difference (use <see cref="WelchTTest"/> for a confidence interval).
/// </remarks>
internal sealed class MannWhitneyUTest
{
    private const int ExactLimit = 50;

    private MannWhitneyUTest(double u, int countX, int countY, bool exact, double pValue, double pValueLess, double pValueGreater)
    {
        U = u;
        CountX = countX;
        CountY = countY;
        IsExact = exact;
        PValue = pValue;
        PValueLess = pValueLess;
        PValueGreater = pValueGreater;
    }

    /// <summary>
    /// Gets the U statistic of the first sample: the number of pairs (x, y) with x &gt; y, ties counting one half. It
    /// equals R's <c>W</c>, the rank sum of x minus nx(nx + 1)/2.
    /// </summary>
    public double U { get; }

    /// <summary>Gets the number of values in the first sample.</summary>
    public int CountX { get; }

    /// <summary>Gets the number of values in the second sample.</summary>
    public int CountY { get; }

    /// <summary>Gets <see cref="U"/> / (nx·ny): the probability that a random x exceeds a random y (ties counting one half).</summary>
    public double ProbabilityXGreater => U / ((double)CountX * CountY);

    /// <summary>Gets whether the p-values come from the exact distribution of U (both samples under 50 values, no ties) rather than the normal approximation.</summary>
    public bool IsExact { get; }

    /// <summary>Gets the two-sided p-value.</summary>
    public double PValue { get; }

    /// <summary>Gets the one-sided p-value for the alternative that x tends to be smaller than y.</summary>
    public double PValueLess { get; }

    /// <summary>Gets the one-sided p-value for the alternative that x tends to be larger than y.</summary>
    public double PValueGreater { get; }

    /// <summary>Runs the test on two independent samples.</summary>
    /// <param name="x">The first sample: at least one finite value.</param>
    /// <param name="y">The second sample: at least one finite value.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentException">A sample is empty or holds a value that is not finite.</exception>
    public static MannWhitneyUTest Compute(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        StatisticsGuard.Sample(x, 1, nameof(x));
        StatisticsGuard.Sample(y, 1, nameof(y));
        int m = x.Length;
        int n = y.Length;
        var (rankSumX, tieTerm) = RankSum(x, y);
        double u = rankSumX - (m * (m + 1) / 2.0);
        if (m < ExactLimit && n < ExactLimit && tieTerm == 0)
        {
            return ExactTest(u, m, n);
        }

        double mean = m * (double)n / 2;
        double total = m + n;
        double sigma = Math.Sqrt(m * (double)n / 12 * (total + 1 - (tieTerm / (total * (total - 1)))));
        double z = u - mean;
        double less = Normal.CDF(0, 1, (z + 0.5) / sigma);
        double greater = 1 - Normal.CDF(0, 1, (z - 0.5) / sigma);
        double zTwoSided = (z - (Math.Sign(z) * 0.5)) / sigma;
        double twoSided = 2 * Math.Min(Normal.CDF(0, 1, zTwoSided), 1 - Normal.CDF(0, 1, zTwoSided));
        return new MannWhitneyUTest(u, m, n, exact: false, Math.Min(1, twoSided), less, greater);
    }

    /// <inheritdoc cref="Compute(ReadOnlySpan{double}, ReadOnlySpan{double})"/>
    public static MannWhitneyUTest Compute(IEnumerable<double> x, IEnumerable<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        return Compute(x.ToArray().AsSpan(), y.ToArray().AsSpan());
    }

    private static MannWhitneyUTest ExactTest(double u, int m, int n)
    {
        double[] cumulative = ExactCumulativeCounts(m, n);
        double total = cumulative[^1];
        int statistic = (int)u;
        double atMost = cumulative[statistic] / total;
        double atLeast = statistic == 0 ? 1 : 1 - (cumulative[statistic - 1] / total);
        double twoSided = Math.Min(1, 2 * (u > m * n / 2.0 ? atLeast : atMost));
        return new MannWhitneyUTest(u, m, n, exact: true, twoSided, atMost, atLeast);
    }

    // cumulative[k] = number of ways (of C(m+n, m)) to get U <= k: the m-subsets of ranks 1..m+n counted by rank sum.
    private static double[] ExactCumulativeCounts(int m, int n)
    {
        int total = m + n;
        int maxU = m * n;
        int minRankSum = m * (m + 1) / 2;
        int maxRankSum = minRankSum + maxU;
        var ways = new double[m + 1, maxRankSum + 1];
        ways[0, 0] = 1;
        for (int rank = 1; rank <= total; rank++)
        {
            for (int chosen = Math.Min(rank, m); chosen >= 1; chosen--)
            {
                for (int sum = maxRankSum; sum >= rank; sum--)
                {
                    ways[chosen, sum] += ways[chosen - 1, sum - rank];
                }
            }
        }

        var cumulative = new double[maxU + 1];
        double running = 0;
        for (int k = 0; k <= maxU; k++)
        {
            running += ways[m, minRankSum + k];
            cumulative[k] = running;
        }

        return cumulative;
    }

    // Mid-ranks over the pooled sample; the tie term is the sum of t³ − t over groups of t tied values.
    private static (double RankSumX, double TieTerm) RankSum(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        var pooled = new (double Value, bool IsX)[x.Length + y.Length];
        for (int i = 0; i < x.Length; i++)
        {
            pooled[i] = (x[i], true);
        }

        for (int i = 0; i < y.Length; i++)
        {
            pooled[x.Length + i] = (y[i], false);
        }

        Array.Sort(pooled, static (a, b) => a.Value.CompareTo(b.Value));
        double rankSumX = 0;
        double tieTerm = 0;
        int start = 0;
        while (start < pooled.Length)
        {
            int end = start;
            while (end + 1 < pooled.Length && pooled[end + 1].Value == pooled[start].Value)
            {
                end++;
            }

            double tied = end - start + 1;
            double midRank = ((start + 1) + (end + 1)) / 2.0;
            for (int i = start; i <= end; i++)
            {
                if (pooled[i].IsX)
                {
                    rankSumX += midRank;
                }
            }

            tieTerm += (tied * tied * tied) - tied;
            start = end + 1;
        }

        return (rankSumX, tieTerm);
    }
}
