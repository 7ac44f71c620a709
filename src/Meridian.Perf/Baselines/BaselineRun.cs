using System.Text.Json.Serialization;

namespace Meridian.Perf;

/// <summary>One recorded run (one process) of a stored baseline: its figure and the parts it was made from.</summary>
internal sealed record BaselineRun
{
    /// <summary>The consecutive parts a run's batches are split into; each part's fastest batch is one of the run's replicates.</summary>
    public const int Parts = 5;

    public required DateTimeOffset RecordedUtc { get; init; }

    /// <summary>Gets the run's figure in ns per operation: the geometric mean of <see cref="Replicates"/>.</summary>
    /// <remarks>
    /// Why the fastest batch of each part and not its median: another process can only add time to a batch. On this
    /// project's 2-core machine at a load average of 30–40, the medians of one run's five parts of the same arithmetic
    /// loop ranged over a factor of 2.4 (2.9–6.9 µs); the fastest batch follows the code, not the scheduler.
    /// </remarks>
    public required double Nanoseconds { get; init; }

    /// <summary>Gets the fastest batch's ns per operation in each consecutive fifth of the run's batches, in order.</summary>
    [JsonConverter(typeof(OneLineNumbersConverter))]
    public required double[] Replicates { get; init; }

    public required int Batches { get; init; }

    public required long OperationsPerBatch { get; init; }

    /// <summary>Gets whether the run's measurement was steady (see <see cref="BenchResult.Settled"/>).</summary>
    [JsonPropertyOrder(10)]
    public bool Settled { get; init; } = true;

    public static BaselineRun Of(BenchResult run, DateTimeOffset recordedUtc) =>
        Of(run.Summary.Values, run.OperationsPerBatch, recordedUtc, run.Settled);

    public static BaselineRun Of(IReadOnlyList<double> batches, long operationsPerBatch, DateTimeOffset recordedUtc, bool settled)
    {
        // Five significant digits: far finer than runs differ, and short enough to review in a pull request.
        var replicates = ReplicatesOf(batches).Select(static r => Round(r)).ToArray();
        return new BaselineRun
        {
            RecordedUtc = new DateTimeOffset(recordedUtc.UtcTicks - (recordedUtc.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero),
            Nanoseconds = Round(GeometricMean(replicates)),
            Replicates = replicates,
            Batches = batches.Count,
            OperationsPerBatch = operationsPerBatch,
            Settled = settled,
        };
    }

    /// <summary>The fastest batch of each of <see cref="Parts"/> consecutive parts of the batches (fewer parts when there are fewer batches).</summary>
    public static double[] ReplicatesOf(IReadOnlyList<double> batches)
    {
        int parts = Math.Min(Parts, batches.Count);
        var replicates = new double[parts];
        for (int part = 0; part < parts; part++)
        {
            int from = part * batches.Count / parts;
            int to = (part + 1) * batches.Count / parts;
            double fastest = double.MaxValue;
            for (int i = from; i < to; i++)
            {
                fastest = Math.Min(fastest, batches[i]);
            }

            replicates[part] = fastest;
        }

        return replicates;
    }

    private static double Round(double value)
    {
        int decimals = Math.Clamp(4 - (int)Math.Floor(Math.Log10(value)), 0, 15);
        return Math.Round(value, decimals);
    }

    public static double GeometricMean(ReadOnlySpan<double> values)
    {
        double sum = 0;
        foreach (double value in values)
        {
            sum += Math.Log(value);
        }

        return Math.Exp(sum / values.Length);
    }
}
