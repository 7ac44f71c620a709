using Meridian.Perf.Statistics;

namespace Meridian.Perf;

/// <summary>The relative change of the candidate's time against the baseline's, its interval, its p-value and the verdict they give.</summary>
internal readonly record struct ChangeEstimate(double Change, ConfidenceInterval Interval, double PValue, Verdict Verdict)
{
    /// <summary>Analyses batches stored block by block: batches 2i and 2i + 1 of each body belong to block i.</summary>
    public static ChangeEstimate Analyze(ReadOnlySpan<double> baseline, ReadOnlySpan<double> candidate, ComparisonMethod method, double trim, double alpha, double threshold)
    {
        double level = 1 - alpha;
        double logChange;
        ConfidenceInterval logInterval;
        double p;
        if (method == ComparisonMethod.PairedBlocks)
        {
            int blocks = baseline.Length / 2;
            var logRatios = new double[blocks];
            for (int i = 0; i < blocks; i++)
            {
                // The faster of each body's two batches: another process or an interrupt only ever adds time, and on a
                // busy machine most blocks have one disturbed batch but few have both of one body's batches disturbed.
                logRatios[i] = Math.Log(Math.Min(candidate[2 * i], candidate[(2 * i) + 1]) / Math.Min(baseline[2 * i], baseline[(2 * i) + 1]));
            }

            (logChange, logInterval, p) = Test(() => TrimmedTTest.OneSample(logRatios, trim, 0, level), logRatios, []);
        }
        else
        {
            var logBaseline = new double[baseline.Length];
            var logCandidate = new double[candidate.Length];
            for (int i = 0; i < baseline.Length; i++)
            {
                logBaseline[i] = Math.Log(baseline[i]);
            }

            for (int i = 0; i < candidate.Length; i++)
            {
                logCandidate[i] = Math.Log(candidate[i]);
            }

            (logChange, logInterval, p) = Test(() => TrimmedTTest.TwoSample(logCandidate, logBaseline, trim, level), logCandidate, logBaseline);
        }

        var interval = new ConfidenceInterval(Math.Exp(logInterval.Lower) - 1, Math.Exp(logInterval.Upper) - 1, level);
        return new ChangeEstimate(Math.Exp(logChange) - 1, interval, p, Decide(interval, p, alpha, threshold));
    }

    // Constant data (possible only in simulations or at the timer's limit) has no variance: the change is then exact.
    private static (double Estimate, ConfidenceInterval Interval, double P) Test(Func<TrimmedTTest> test, double[] first, double[] second)
    {
        if (first.Distinct().Count() + second.Distinct().Count() > (second.Length == 0 ? 1 : 2))
        {
            var result = test();
            return (result.Estimate, result.ConfidenceInterval, result.PValue);
        }

        double exact = first[0] - (second.Length == 0 ? 0 : second[0]);
        return (exact, new ConfidenceInterval(exact, exact, 1), exact == 0 ? 1 : 0);
    }

    public static Verdict Decide(ConfidenceInterval interval, double p, double alpha, double threshold) =>
        p < alpha && interval.Lower > threshold ? Verdict.Slower
        : p < alpha && interval.Upper < -threshold ? Verdict.Faster
        : interval.Lower >= -threshold && interval.Upper <= threshold ? Verdict.NoChange
        : Verdict.Inconclusive;
}
