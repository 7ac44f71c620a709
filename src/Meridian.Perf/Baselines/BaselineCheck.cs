namespace Meridian.Perf;

/// <summary>The result of <see cref="PerfAssert.NoRegression(string, Action, BaselineOptions?, string)"/> when it does not fail.</summary>
public sealed class BaselineCheck
{
    internal BaselineCheck(BaselineOutcome outcome, string key, string filePath, BenchResult run, Comparison? comparison, string note, int recordedRuns = 0, bool runAdded = false)
    {
        RecordedRuns = recordedRuns;
        RunAdded = runAdded;
        Outcome = outcome;
        Key = key;
        FilePath = filePath;
        Run = run;
        Comparison = comparison;
        Note = note;
        Results.ResultsSink.Recorded(this);
    }

    /// <summary>Gets what was done with the baseline.</summary>
    public BaselineOutcome Outcome { get; }

    /// <summary>Gets the verdict: the comparison's when compared, <see cref="Verdict.Inconclusive"/> for another machine, <see langword="null"/> when recorded or not recorded.</summary>
    public Verdict? Verdict => Outcome switch
    {
        BaselineOutcome.Compared => Comparison!.Verdict,
        BaselineOutcome.MachineMismatch => Perf.Verdict.Inconclusive,
        _ => null,
    };

    /// <summary>Gets how many runs the baseline file holds now (after this run was added, if it was).</summary>
    public int RecordedRuns { get; }

    /// <summary>Gets whether this run was written to the baseline file: recorded, accepted, or added while the baseline had fewer runs than <see cref="BaselineOptions.Runs"/>.</summary>
    public bool RunAdded { get; }

    /// <summary>Gets the baseline's key.</summary>
    public string Key { get; }

    /// <summary>Gets the full path of the baseline file.</summary>
    public string FilePath { get; }

    /// <summary>Gets this run's measurement.</summary>
    public BenchResult Run { get; }

    /// <summary>Gets the comparison with the stored baseline, when one was made.</summary>
    public Comparison? Comparison { get; }

    /// <summary>Gets what happened, in words (the same text the note to the log carries).</summary>
    public string Note { get; }

    /// <summary>Returns <see cref="Note"/>.</summary>
    /// <returns>The note.</returns>
    public override string ToString() => Note;
}
