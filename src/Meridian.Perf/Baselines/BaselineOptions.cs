namespace Meridian.Perf;

/// <summary>How <see cref="PerfAssert.NoRegression(string, Action, BaselineOptions?, string)"/> measures, stores and judges. Values are validated when set.</summary>
public sealed record BaselineOptions
{
    private readonly int _runs = 5;

    /// <summary>Gets the default options.</summary>
    public static BaselineOptions Default { get; } = new();

    /// <summary>Gets how the body is sampled, now and when recording.</summary>
    /// <value>Default <see cref="BenchOptions.Default"/>.</value>
    public BenchOptions Bench { get; init; } = BenchOptions.Default;

    /// <summary>
    /// Gets the significance level and the smallest change that counts. Two runs differ by more than the noise inside
    /// one run (processor frequency, other processes, memory layout) and nothing cancels that the way interleaving does
    /// inside one process, so the default threshold is wider than <see cref="CompareOptions"/>' 5 %.
    /// <see cref="VerdictOptions.Trim"/> is not used: the run-level test has one figure per run.
    /// </summary>
    /// <value>Default α 0.05 and a noise threshold of 10 %.</value>
    public VerdictOptions Verdict { get; init; } = new() { NoiseThreshold = 0.10 };

    /// <summary>
    /// Gets how many runs (processes: each run of the test is one) a baseline is recorded over. The first run creates
    /// the file; each later run, until there are this many, is compared with those recorded so far and, unless it was
    /// decided slower or faster or its measurement did not settle (<see cref="BenchResult.Settled"/>), added. A complete baseline is never changed except by <see cref="Accept"/>. With
    /// fewer than 3 recorded runs the spread between runs is unknown and only a change beyond a factor of 4 is decided.
    /// </summary>
    /// <value>Default 5 (the spread between runs estimated with 4 degrees of freedom); from 1 to 20.</value>
    public int Runs
    {
        get => _runs;
        init => _runs = value is >= 1 and <= 20 ? value : throw new ArgumentOutOfRangeException(nameof(Runs), value, "Runs must be from 1 to 20.");
    }

    /// <summary>Gets whether to start the baseline again from this run (which replaces the file) instead of comparing with it.</summary>
    /// <value>Default <see langword="null"/>: start again when the environment variable <c>MERIDIAN_PERF_ACCEPT</c> is <c>1</c>, <c>true</c> or <c>yes</c>.</value>
    public bool? Accept { get; init; }

    /// <summary>Gets the folder of the baseline files. It must exist.</summary>
    /// <value>Default <see langword="null"/>: the folder of the calling test's source file.</value>
    public string? Directory { get; init; }

    /// <summary>Gets whether an <see cref="Verdict.Inconclusive"/> comparison fails the test. A baseline recorded on another machine never does.</summary>
    /// <value>Default <see langword="false"/>.</value>
    public bool FailOnInconclusive { get; init; }

    /// <summary>Gets where notes that do not fail a test go (baseline recorded, inconclusive, other machine).</summary>
    /// <value>Default <see langword="null"/>: <see cref="Console.Out"/>.</value>
    public Action<string>? Log { get; init; }
}
