namespace Meridian.Perf;

/// <summary>Where a comparison's batches come from: the live bodies, or a simulation in the tests.</summary>
internal interface IComparisonSource
{
    /// <summary>Gets the current time, in <see cref="System.Diagnostics.Stopwatch"/> ticks.</summary>
    long Timestamp { get; }

    /// <summary>Runs one batch of the baseline; returns its time per operation, harness overhead subtracted, in nanoseconds.</summary>
    double MeasureBaseline();

    /// <summary>Runs one batch of the candidate; returns its time per operation, harness overhead subtracted, in nanoseconds.</summary>
    double MeasureCandidate();
}
