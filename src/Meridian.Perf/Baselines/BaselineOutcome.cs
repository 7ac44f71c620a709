namespace Meridian.Perf;

/// <summary>What <see cref="PerfAssert.NoRegression(string, Action, BaselineOptions?, string)"/> did with the stored baseline.</summary>
public enum BaselineOutcome
{
    /// <summary>There was no baseline: this run was recorded as its first run.</summary>
    Recorded,

    /// <summary>Re-recording was requested (<c>MERIDIAN_PERF_ACCEPT=1</c> or <see cref="BaselineOptions.Accept"/>): this run replaced the baseline as its first run.</summary>
    Accepted,

    /// <summary>The run was compared with the baseline; see <see cref="BaselineCheck.Comparison"/>. While the baseline has fewer runs than <see cref="BaselineOptions.Runs"/>, the run was also added to it (<see cref="BaselineCheck.RunAdded"/>).</summary>
    Compared,

    /// <summary>The baseline was recorded on a different machine or runtime: the time was not compared, and the verdict is <see cref="Verdict.Inconclusive"/>. Bytes per operation are still checked on the same runtime.</summary>
    MachineMismatch,

    /// <summary>Another process wrote the baseline while this one was measuring: the first writer won, and this run was neither recorded nor added.</summary>
    NotRecorded,
}
