namespace Meridian.Perf;

/// <summary>What <see cref="PerfAssert.NoRegression(string, Action, BaselineOptions?, string)"/> did with the stored baseline.</summary>
public enum BaselineOutcome
{
    /// <summary>There was no baseline: this run was recorded as the baseline.</summary>
    Recorded,

    /// <summary>Re-recording was requested (<c>MERIDIAN_PERF_ACCEPT=1</c> or <see cref="BaselineOptions.Accept"/>): this run replaced the baseline.</summary>
    Accepted,

    /// <summary>The run was compared with the baseline; see <see cref="BaselineCheck.Comparison"/>.</summary>
    Compared,

    /// <summary>The baseline was recorded on a different machine or runtime: not compared, and the verdict is <see cref="Verdict.Inconclusive"/>.</summary>
    MachineMismatch,
}
