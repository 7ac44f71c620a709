using System.Diagnostics;

namespace Meridian.Perf;

/// <summary>The interleaving and the sequential rounds behind <see cref="Bench.Compare(Action, Action, CompareOptions?)"/>.</summary>
internal static class ComparisonEngine
{
    public static Comparison Run<TBaseline, TCandidate>(ref TBaseline baseline, ref TCandidate candidate, CompareOptions options)
        where TBaseline : struct, IBodyInvoker
        where TCandidate : struct, IBodyInvoker
    {
        long start = Stopwatch.GetTimestamp();
        var source = new LiveComparisonSource<TBaseline, TCandidate>(baseline, candidate, HarnessOverhead.NanosecondsPerOperation);
        var warmup = source.WarmUp(options.Plan);
        var sampled = Sample(ref source, options, start, new Random());
        return Results.ResultsSink.Recorded(new Comparison(
            sampled,
            options,
            warmup,
            new OperationCounts(source.BaselineOperations, source.CandidateOperations),
            new AllocationTotals(source.BaselineBytes, source.BaselineTotalOperations, source.CandidateBytes, source.CandidateTotalOperations),
            HarnessOverhead.NanosecondsPerOperation));
    }

    /// <summary>Runs rounds of blocks until the verdict is not inconclusive, the rounds are used up or the next round would overrun the budget.</summary>
    /// <param name="source">The batches.</param>
    /// <param name="options">The settings.</param>
    /// <param name="start">When the comparison started (warm-up included), in the source's ticks.</param>
    /// <param name="order">Chooses each block's order.</param>
    public static SampledComparison Sample<TSource>(ref TSource source, CompareOptions options, long start, Random order)
        where TSource : IComparisonSource
    {
        int capacity = options.Blocks << (options.MaxRounds - 1);
        var baseline = new double[2 * capacity];
        var candidate = new double[2 * capacity];
        long budgetEnd = start + SamplingPlan.ToTicks(options.MaxTime);
        long measuringStart = source.Timestamp;
        int blocks = 0;
        int target = options.Blocks;
        int round = 0;
        string? stoppedBy = null;
        ChangeEstimate estimate;
        while (true)
        {
            round++;
            for (; blocks < target; blocks++)
            {
                // A B B A or B A A B, chosen at random: a linear drift cancels within either, and the random choice keeps
                // periodic interference (a scheduler's time slice, a timer) from always hitting the same body.
                if (order.Next(2) == 0)
                {
                    baseline[2 * blocks] = source.MeasureBaseline();
                    candidate[2 * blocks] = source.MeasureCandidate();
                    candidate[(2 * blocks) + 1] = source.MeasureCandidate();
                    baseline[(2 * blocks) + 1] = source.MeasureBaseline();
                }
                else
                {
                    candidate[2 * blocks] = source.MeasureCandidate();
                    baseline[2 * blocks] = source.MeasureBaseline();
                    baseline[(2 * blocks) + 1] = source.MeasureBaseline();
                    candidate[(2 * blocks) + 1] = source.MeasureCandidate();
                }
            }

            estimate = ChangeEstimate.Analyze(baseline.AsSpan(0, 2 * blocks), candidate.AsSpan(0, 2 * blocks), options.Method, options.Verdict.Trim, options.AlphaPerLook, options.Verdict.NoiseThreshold);
            if (estimate.Verdict != Verdict.Inconclusive || round == options.MaxRounds)
            {
                break;
            }

            long now = source.Timestamp;
            long nextRound = now - measuringStart; // doubling the blocks repeats the time spent so far
            if (now + nextRound > budgetEnd)
            {
                stoppedBy = $"another round ({blocks} more blocks, about {TimeText.Seconds(TimeSpan.FromSeconds((double)nextRound / Stopwatch.Frequency))}) would have overrun the {TimeText.Seconds(options.MaxTime)} budget";
                break;
            }

            target = 2 * blocks;
        }

        var measuring = TimeSpan.FromSeconds((double)(source.Timestamp - measuringStart) / Stopwatch.Frequency);
        return new SampledComparison(baseline[..(2 * blocks)], candidate[..(2 * blocks)], blocks, round, estimate, measuring, stoppedBy);
    }
}
