using Meridian.Perf.Statistics;

namespace Meridian.Perf.Tests.Statistics;

// Expected values: R 4.2.2, wilcox.test(x, y, alternative = ...), printed by reference-values.R (output in
// reference-values.Rout). R uses the exact distribution below 50 values per sample without ties, otherwise the
// normal approximation with tie and continuity correction; so does MannWhitneyUTest.
public sealed class MannWhitneyUTestTests
{
    [Fact]
    public void Small_samples_without_ties_use_the_exact_distribution()
    {
        double[] x = [1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30];
        double[] y = [0.878, 0.647, 0.598, 2.05, 1.06, 1.29];

        var result = MannWhitneyUTest.Compute(x, y);

        Assert.True(result.IsExact);
        Assert.Equal(42, result.U);
        Reference.Near(0.0879120879120879, result.PValue);
        Reference.Near(0.966833166833167, result.PValueLess);
        Reference.Near(0.043956043956044, result.PValueGreater);
    }

    [Fact]
    public void Ties_use_the_normal_approximation_with_tie_and_continuity_correction()
    {
        double[] x = [3, 4, 2, 6, 2, 5, 5, 7, 4, 3];
        double[] y = [9, 7, 5, 10, 6, 8, 7, 6, 9, 8, 7, 4];

        var result = MannWhitneyUTest.Compute(x, y);

        Assert.False(result.IsExact);
        Assert.Equal(12.5, result.U);
        Reference.Near(0.00179571653676029, result.PValue);
        Reference.Near(0.000897858268380145, result.PValueLess);
        Reference.Near(0.999284979673209, result.PValueGreater);
    }

    [Fact]
    public void Large_samples_use_the_normal_approximation()
    {
        // The same formulas as the R script: l1 <- sqrt(i) * 3 + (i %% 7) / 10, l2 <- sqrt(j) * 3 + (j %% 5) / 10 + 0.75 + j / 1000.
        double[] x = Enumerable.Range(1, 60).Select(static i => (Math.Sqrt(i) * 3) + (i % 7 / 10.0)).ToArray();
        double[] y = Enumerable.Range(1, 55).Select(static j => (Math.Sqrt(j) * 3) + (j % 5 / 10.0) + 0.75 + (j / 1000.0)).ToArray();

        var result = MannWhitneyUTest.Compute(x, y);

        Assert.False(result.IsExact);
        Assert.Equal(1659, result.U);
        Reference.Near(0.962042313705947, result.PValue);
        Reference.Near(0.521209654168395, result.PValueLess);
        Reference.Near(0.481021156852974, result.PValueGreater);
    }

    [Fact]
    public void Exact_distribution_matches_enumeration_of_every_arrangement()
    {
        // Independent check of the exact distribution: enumerate all C(9, 4) = 126 ways to give 4 of the ranks 1..9
        // to x and count those whose U is at most each value.
        const int m = 4, n = 5;
        var counts = new int[(m * n) + 1];
        for (int mask = 0; mask < 1 << (m + n); mask++)
        {
            if (System.Numerics.BitOperations.PopCount((uint)mask) != m)
            {
                continue;
            }

            int rankSum = 0;
            for (int bit = 0; bit < m + n; bit++)
            {
                rankSum += (mask >> bit & 1) * (bit + 1);
            }

            counts[rankSum - (m * (m + 1) / 2)]++;
        }

        for (int u = 0; u <= m * n; u++)
        {
            // x gets the ranks that give U = u: the u largest y values below... build data with exactly that U.
            double[] x = new double[m];
            double[] y = Enumerable.Range(0, n).Select(static k => (double)(k * 10)).ToArray();
            int remaining = u;
            for (int i = 0; i < m; i++)
            {
                int above = Math.Min(n, remaining);
                x[i] = (above * 10) - 5 + (i * 0.01);
                remaining -= above;
            }

            var result = MannWhitneyUTest.Compute(x, y);
            double expectedAtMost = counts.Take(u + 1).Sum() / 126.0;

            Assert.Equal(u, result.U);
            Reference.Near(expectedAtMost, result.PValueLess, 1e-12);
        }
    }
}
