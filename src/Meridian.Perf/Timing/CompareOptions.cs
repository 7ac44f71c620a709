namespace Meridian.Perf;

/// <summary>How <see cref="Bench.Compare(Action, Action, CompareOptions?)"/> and <see cref="PerfAssert"/> measure and decide. Values are validated when set.</summary>
/// <remarks>
/// With the defaults a comparison of bodies of up to about a millisecond takes 0.5–1.5 s: warm-up until the JIT is
/// quiet, 20 blocks of four 2 ms batches (0.16 s), and, only while the verdict is inconclusive, up to two more rounds
/// that double the blocks. Every look at the data is tested at α / <see cref="MaxRounds"/> (Bonferroni), so looking
/// again cannot raise the false-alarm rate above <see cref="VerdictOptions.Alpha"/>.
/// </remarks>
public sealed record CompareOptions
{
    private readonly int _blocks = 20;
    private readonly ComparisonMethod _method = ComparisonMethod.PairedBlocks;
    private readonly int _maxRounds = 3;
    private readonly TimeSpan _maxTime = TimeSpan.FromSeconds(3);
    private readonly SamplingPlan _plan = SamplingPlan.Default;

    /// <summary>Gets the default options.</summary>
    public static CompareOptions Default { get; } = new();

    /// <summary>Gets the significance level, the noise threshold and the trim of the verdict.</summary>
    /// <value>Default <see cref="VerdictOptions.Default"/>: α 0.05 over all rounds, noise threshold 5 %, trim 20 %.</value>
    public VerdictOptions Verdict { get; init; } = VerdictOptions.Default;

    /// <summary>Gets the blocks (four batches: two of each body) of the first round; later rounds double the total.</summary>
    /// <value>Default 20 (40 batches of each body); 3 or more.</value>
    public int Blocks
    {
        get => _blocks;
        init => _blocks = TimingGuard.AtLeast(value, 3, nameof(Blocks));
    }

    /// <summary>Gets the most rounds: while the verdict is inconclusive and time is left, another round doubles the blocks.</summary>
    /// <value>Default 3; 1 (a fixed sample size) or more. The significance level of each look is <see cref="VerdictOptions.Alpha"/> / MaxRounds.</value>
    public int MaxRounds
    {
        get => _maxRounds;
        init => _maxRounds = value is >= 1 and <= 10 ? value : throw new ArgumentOutOfRangeException(nameof(MaxRounds), value, "MaxRounds must be between 1 and 10.");
    }

    /// <summary>Gets the analysis of the batches.</summary>
    /// <value>Default <see cref="ComparisonMethod.PairedBlocks"/>.</value>
    public ComparisonMethod Method
    {
        get => _method;
        init => _method = value is ComparisonMethod.PairedBlocks or ComparisonMethod.Welch
            ? value
            : throw new ArgumentOutOfRangeException(nameof(Method), value, "Method must be PairedBlocks or Welch (StoredRuns is the stored baselines' own test).");
    }

    /// <summary>Gets the time budget of the comparison, warm-up included: no round starts that would end after it.</summary>
    /// <value>Default 3 s; more than zero. The first round always runs.</value>
    public TimeSpan MaxTime
    {
        get => _maxTime;
        init => _maxTime = TimingGuard.Positive(value, nameof(MaxTime));
    }

    /// <summary>Gets how long the JIT must compile nothing (in the whole process) before warm-up ends; the body's fastest batch must also have stopped improving.</summary>
    /// <value>Default 350 ms (see <see cref="BenchOptions.WarmupQuietPeriod"/>); zero or more.</value>
    public TimeSpan WarmupQuietPeriod
    {
        get => _plan.WarmupQuietPeriod;
        init => _plan = _plan.WithWarmupQuietPeriod(value);
    }

    /// <summary>Gets the longest warm-up; past it, measuring starts even though the JIT is still busy (the report says so).</summary>
    /// <value>Default 1 s; zero or more.</value>
    public TimeSpan MaxWarmupTime
    {
        get => _plan.MaxWarmupTime;
        init => _plan = _plan.WithMaxWarmupTime(value);
    }

    /// <summary>Gets the target length of one batch; each body's batch size is calibrated separately.</summary>
    /// <value>Default 2 ms; more than zero.</value>
    public TimeSpan BatchTime
    {
        get => _plan.BatchTime;
        init => _plan = _plan.WithBatchTime(value);
    }

    /// <summary>Gets whether <see cref="PerfAssert"/> fails on an <see cref="Verdict.Inconclusive"/> verdict.</summary>
    /// <value>Default <see langword="false"/>: an inconclusive measurement is reported through <see cref="Log"/>, and the test passes.</value>
    public bool FailOnInconclusive { get; init; }

    /// <summary>Gets where <see cref="PerfAssert"/> writes notes that do not fail a test (an inconclusive verdict, a recorded baseline).</summary>
    /// <value>Default <see langword="null"/>: <see cref="Console.Out"/>, which NUnit and xunit v3 attach to the test's output.</value>
    public Action<string>? Log { get; init; }

    internal SamplingPlan Plan => _plan;

    internal double AlphaPerLook => Verdict.Alpha / MaxRounds;
}
