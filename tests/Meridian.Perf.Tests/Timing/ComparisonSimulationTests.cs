namespace Meridian.Perf.Tests.Timing;

/// <summary>
/// The comparison engine on seeded synthetic batches (<see cref="SimulatedSource"/>), through the same interleaving,
/// rounds and analysis as a live comparison. Stated noise: each batch's time is lognormal with a 10 % coefficient of
/// variation, and 2 % of batches are doubled by a spike — noisier than a quiet machine, about what this 2-core machine
/// shows while other builds run.
/// </summary>
public sealed class ComparisonSimulationTests
{
    private const int Comparisons = 1000;

    [Theory]
    [InlineData(ComparisonMethod.PairedBlocks)]
    [InlineData(ComparisonMethod.Welch)]
    public void Identical_bodies_are_called_slower_in_at_most_alpha_of_comparisons(ComparisonMethod method)
    {
        var options = new CompareOptions { Method = method };
        var verdicts = Run(Comparisons, seed => new SimulatedSource(seed, 1000, 1000), options);

        Assert.True(verdicts[Verdict.Slower] <= options.Verdict.Alpha * Comparisons, Describe(verdicts));
        Assert.True(verdicts[Verdict.Slower] + verdicts[Verdict.Faster] <= options.Verdict.Alpha * Comparisons, Describe(verdicts));
    }

    [Fact]
    public void Identical_bodies_without_the_noise_threshold_are_flagged_at_about_the_nominal_rate()
    {
        // Shows the A/A test above can fail: with a negligible noise threshold, the verdict is Slower or Faster in
        // about α of comparisons (the Bonferroni split over 3 looks keeps it at or below α).
        var options = new CompareOptions { Verdict = new VerdictOptions { NoiseThreshold = 1e-9 } };
        var verdicts = Run(Comparisons, seed => new SimulatedSource(seed + 50_000, 1000, 1000), options);
        int flagged = verdicts[Verdict.Slower] + verdicts[Verdict.Faster];

        Assert.InRange(flagged, 5, (int)(options.Verdict.Alpha * Comparisons));
    }

    [Fact]
    public void A_20_percent_slowdown_is_found_in_at_least_95_percent_of_comparisons_at_the_default_size()
    {
        // MaxRounds = 1: the first round alone, 20 blocks (40 batches per body, 0.16 s of 2 ms batches).
        var options = new CompareOptions { MaxRounds = 1 };
        var verdicts = Run(Comparisons, seed => new SimulatedSource(seed + 100_000, 1000, 1200), options);

        Assert.True(verdicts[Verdict.Slower] >= 0.95 * Comparisons, Describe(verdicts));
        Assert.Equal(0, verdicts[Verdict.Faster]);
    }

    [Fact]
    public void A_20_percent_speedup_is_found_with_the_default_rounds()
    {
        var verdicts = Run(Comparisons, seed => new SimulatedSource(seed + 200_000, 1200, 1000), CompareOptions.Default);

        Assert.True(verdicts[Verdict.Faster] >= 0.95 * Comparisons, Describe(verdicts));
        Assert.Equal(0, verdicts[Verdict.Slower]);
    }

    [Theory]
    [InlineData(ComparisonMethod.PairedBlocks)]
    [InlineData(ComparisonMethod.Welch)]
    public void A_linear_drift_does_not_produce_a_false_verdict(ComparisonMethod method)
    {
        // The machine slows down by 200 % per second: over a 0.16 s round, the last batches are 32 % slower than the first.
        var options = new CompareOptions { Method = method };
        var verdicts = Run(Comparisons, seed => new SimulatedSource(seed + 300_000, 1000, 1000) { DriftPerSecond = 2 }, options);

        Assert.True(verdicts[Verdict.Slower] + verdicts[Verdict.Faster] <= options.Verdict.Alpha * Comparisons, Describe(verdicts));
    }

    [Fact]
    public void The_same_drift_without_interleaving_gives_false_verdicts()
    {
        // Control for the test above: all baseline batches first, then all candidate batches, analysed the same way.
        int falseVerdicts = 0;
        for (int seed = 0; seed < 200; seed++)
        {
            var source = new SimulatedSource(seed + 400_000, 1000, 1000) { DriftPerSecond = 2 };
            double[] baseline = Enumerable.Range(0, 40).Select(_ => source.MeasureBaseline()).ToArray();
            double[] candidate = Enumerable.Range(0, 40).Select(_ => source.MeasureCandidate()).ToArray();
            var estimate = ChangeEstimate.Analyze(baseline, candidate, ComparisonMethod.PairedBlocks, 0.2, 0.05, 0.05);
            falseVerdicts += estimate.Verdict is Verdict.Slower or Verdict.Faster ? 1 : 0;
        }

        Assert.True(falseVerdicts > 100, $"{falseVerdicts} of 200");
    }

    [Fact]
    public void Periodic_interference_does_not_always_hit_the_same_body()
    {
        // Batches 6 and 7 of every 8 (two blocks) are tripled. Found live on this machine under a load average of 13:
        // with A B B A and B A A B strictly alternating, an interference with the period of two blocks always hit the
        // same body, and a +15 % pair read as +150 % or -45 %. Choosing each block's order at random spreads it over both bodies.
        var options = CompareOptions.Default;
        var random = Run(Comparisons, seed => new SimulatedSource(seed + 600_000, 1000, 1000) { Interference = InTheSecondBlocksMiddle }, options);

        Assert.True(random[Verdict.Slower] + random[Verdict.Faster] <= options.Verdict.Alpha * Comparisons, Describe(random));
    }

    [Fact]
    public void Periodic_interference_with_a_fixed_alternation_gives_false_verdicts()
    {
        // Control for the test above: the same interference with a strict A B B A / B A A B alternation.
        int falseVerdicts = 0;
        for (int seed = 0; seed < 200; seed++)
        {
            var source = new SimulatedSource(seed + 600_000, 1000, 1000) { Interference = InTheSecondBlocksMiddle };
            var verdict = ComparisonEngine.Sample(ref source, CompareOptions.Default, start: 1, new AlternatingOrder()).Estimate.Verdict;
            falseVerdicts += verdict is Verdict.Slower or Verdict.Faster ? 1 : 0;
        }

        Assert.True(falseVerdicts > 100, $"{falseVerdicts} of 200");
    }

    [Fact]
    public void Noise_shared_by_adjacent_batches_costs_Welch_power_but_not_the_paired_analysis()
    {
        // The machine's speed wanders (a random walk of 2 % per batch, in log units, plus 5 % independent noise and the
        // spikes): adjacent batches drift together, which pairing removes and Welch has to count as variance.
        static SimulatedSource Source(int seed) => new(seed + 500_000, 1000, 1100) { Noise = 0.05, SharedWalk = 0.02 };
        var paired = Run(300, Source, new CompareOptions { MaxRounds = 1 });
        var welch = Run(300, Source, new CompareOptions { MaxRounds = 1, Method = ComparisonMethod.Welch });

        // Measured when written, over 1000 seeds: paired 831 and Welch 595 found the 10 % slowdown in one round.
        Assert.True(paired[Verdict.Slower] > welch[Verdict.Slower] + 30, $"paired {Describe(paired)}; Welch {Describe(welch)}");
        Assert.True(paired[Verdict.Slower] >= 0.7 * 300, Describe(paired));
    }

    [Fact]
    public void Rounds_stop_at_the_time_budget_and_say_so()
    {
        // Too noisy to decide: 60 % noise and a 3 % change.
        var options = new CompareOptions { MaxTime = TimeSpan.FromSeconds(0.3) };
        var source = new SimulatedSource(7, 1000, 1030) { Noise = 0.6 };

        var sampled = ComparisonEngine.Sample(ref source, options, start: 1, new Random(7));

        Assert.Equal(Verdict.Inconclusive, sampled.Estimate.Verdict);
        Assert.Equal(1, sampled.Rounds);
        Assert.Equal(20, sampled.Blocks);
        Assert.Contains("would have overrun the 0.30 s budget", sampled.StoppedBy, StringComparison.Ordinal);
    }

    [Fact]
    public void An_inconclusive_first_round_is_followed_by_rounds_that_double_the_blocks()
    {
        var source = new SimulatedSource(11, 1000, 1030) { Noise = 0.6 };

        var sampled = ComparisonEngine.Sample(ref source, CompareOptions.Default, start: 1, new Random(11));

        Assert.Equal(3, sampled.Rounds);
        Assert.Equal(80, sampled.Blocks);
        Assert.Equal(160, sampled.Baseline.Length);
    }

    private static Dictionary<Verdict, int> Run(int count, Func<int, SimulatedSource> create, CompareOptions options)
    {
        var verdicts = Enum.GetValues<Verdict>().ToDictionary(static v => v, static _ => 0);
        for (int seed = 0; seed < count; seed++)
        {
            var source = create(seed);
            verdicts[ComparisonEngine.Sample(ref source, options, start: 1, new Random(seed)).Estimate.Verdict]++;
        }

        return verdicts;
    }

    private static string Describe(Dictionary<Verdict, int> verdicts) => string.Join(", ", verdicts.Select(static p => $"{p.Key} {p.Value}"));

    // With strict alternation the second block is B A A B: batches 5 and 6 of every 8 are both the baseline's.
    private static bool InTheSecondBlocksMiddle(long batch) => batch % 8 is 5 or 6;

    private sealed class AlternatingOrder : Random
    {
        private int _next;

        public override int Next(int maxValue) => _next++ % maxValue;
    }
}
