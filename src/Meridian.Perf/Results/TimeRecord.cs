namespace Meridian.Perf.Results;

/// <summary>Time per operation in nanoseconds: one sample per batch, summarised, with the 95 % interval of the mean.</summary>
internal sealed class TimeRecord
{
    /// <summary>Gets the unit of every figure: always <c>ns</c> per operation.</summary>
    public string Unit { get; init; } = "ns";

    /// <summary>Gets the mean of the batches.</summary>
    public double Mean { get; init; }

    /// <summary>Gets the median of the batches.</summary>
    public double Median { get; init; }

    /// <summary>Gets the standard deviation of the batches.</summary>
    public double StandardDeviation { get; init; }

    /// <summary>Gets the lower bound of the interval of the mean; null when it is unbounded (one batch).</summary>
    public double? Lower { get; init; }

    /// <summary>Gets the upper bound of the interval of the mean; null when it is unbounded.</summary>
    public double? Upper { get; init; }

    /// <summary>Gets the level of the interval.</summary>
    public double Level { get; init; }

    /// <summary>Gets the number of batches.</summary>
    public int Samples { get; init; }

    /// <summary>Gets the operations in each batch; 0 when unknown.</summary>
    public long OperationsPerBatch { get; init; }

    /// <summary>Gets every batch's time per operation, in order.</summary>
    public IReadOnlyList<double> Values { get; init; } = [];
}
