namespace Meridian.Perf.Tests.Timing;

/// <summary>The comparison report is a product surface: its whole text, on seeded synthetic batches.</summary>
public sealed class ComparisonReportTests
{
    [Fact]
    public void A_slower_candidate_is_reported_like_criterion()
    {
        var comparison = Simulate(1000, 1200);

        Assert.Equal(Verdict.Slower, comparison.Verdict);
        Assert.Equal(Expected, comparison.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void An_inconclusive_verdict_says_why_and_what_to_do()
    {
        var comparison = Simulate(1000, 1030, noise: 0.6);

        Assert.Equal(Verdict.Inconclusive, comparison.Verdict);
        Assert.Equal(
            "the 98.33 % interval of the change is too wide to decide at p < 0.0167 (noise, or too few samples); lengthen MaxTime or run on a quieter machine.",
            comparison.Reason);
        Assert.Contains("round 3 of at most 3", comparison.Analysis, StringComparison.Ordinal);
    }

    private const string Expected = """
        baseline:  time: [991.3 ns 1.019 µs 1.047 µs]  alloc: 0 B/op  (40 samples)
        candidate: time: [1.176 µs 1.211 µs 1.246 µs]  alloc: 24 B/op  (40 samples)
        change:    [+10.62 % +18.42 % +26.76 %] (p = 2.3E-5; 98.33 % interval)
        verdict:   Slower: p < 0.0167 and the whole 98.33 % interval of the change lies above the +5 % noise threshold.
        measured:  20 blocks (A B B A or B A A B, at random) × 2 batches per body, interleaved in one process: 2000 and 1667 operations per batch (~2.000 ms), harness overhead 1.250 ns per operation subtracted; 0.16 s after 0.25 s warm-up (until the JIT had compiled nothing for 0.35 s and the fastest batch stopped improving).
        analysis:  paired 20 % trimmed t-test (Tukey–McLaughlin) on the per-block log ratios of each body's faster batch; round 1 of at most 3, α 0.05 split over the rounds (Bonferroni).
        outliers:  baseline 2 outliers (Tukey fences, kept): 2 high mild; candidate no outliers (Tukey fences)
        """;

    private static Comparison Simulate(double baseline, double candidate, double noise = 0.1)
    {
        var source = new SimulatedSource(42, baseline, candidate) { Noise = noise };
        var options = new CompareOptions();
        var sampled = ComparisonEngine.Sample(ref source, options, start: 1, new Random(42));
        var warmup = new WarmupOutcome(TimeSpan.FromMilliseconds(250), JitQuiet: true, SpeedSettled: true, CompiledMethods: 12, QuietPeriod: TimeSpan.FromMilliseconds(350));
        return new Comparison(sampled, options, warmup, new OperationCounts(2000, 1667), new AllocationTotals(0, 80_000, 24 * 66_680, 66_680), overhead: 1.25);
    }
}
