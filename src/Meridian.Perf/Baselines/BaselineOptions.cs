namespace Meridian.Perf;

/// <summary>How <see cref="PerfAssert.NoRegression(string, Action, BaselineOptions?, string)"/> measures, stores and judges. Values are validated when set.</summary>
public sealed record BaselineOptions
{
    private readonly double _alpha = 0.05;
    private readonly double _noiseThreshold = 0.10;
    private readonly double _trim = 0.2;

    /// <summary>Gets the default options.</summary>
    public static BaselineOptions Default { get; } = new();

    /// <summary>Gets how the body is sampled, now and when recording.</summary>
    /// <value>Default <see cref="BenchOptions.Default"/>.</value>
    public BenchOptions Bench { get; init; } = BenchOptions.Default;

    /// <summary>Gets the significance level.</summary>
    /// <value>Default 0.05; strictly between 0 and 1.</value>
    public double Alpha
    {
        get => _alpha;
        init => _alpha = TimingGuard.Fraction(value, nameof(Alpha), 0, 1);
    }

    /// <summary>
    /// Gets the smallest relative change that counts. Two runs differ by more than the noise inside one run (processor
    /// frequency, other processes, memory layout) and nothing cancels that the way interleaving does inside one
    /// process, so the threshold for a stored baseline is wider than <see cref="CompareOptions.NoiseThreshold"/>.
    /// </summary>
    /// <value>Default 0.10 (10 %); strictly between 0 and 1.</value>
    public double NoiseThreshold
    {
        get => _noiseThreshold;
        init => _noiseThreshold = TimingGuard.Fraction(value, nameof(NoiseThreshold), 0, 1);
    }

    /// <summary>Gets the fraction trimmed from each end of each sample before Yuen's trimmed Welch test.</summary>
    /// <value>Default 0.2; from 0 (Welch's test) to 0.4.</value>
    public double Trim
    {
        get => _trim;
        init => _trim = TimingGuard.Trim(value, nameof(Trim));
    }

    /// <summary>Gets whether to record the baseline again instead of comparing with it.</summary>
    /// <value>Default <see langword="null"/>: re-record when the environment variable <c>MERIDIAN_PERF_ACCEPT</c> is <c>1</c>, <c>true</c> or <c>yes</c>.</value>
    public bool? Accept { get; init; }

    /// <summary>Gets the folder of the baseline files.</summary>
    /// <value>Default <see langword="null"/>: the folder of the calling test's source file.</value>
    public string? Directory { get; init; }

    /// <summary>Gets whether an <see cref="Verdict.Inconclusive"/> comparison fails the test. A baseline recorded on another machine never does.</summary>
    /// <value>Default <see langword="false"/>.</value>
    public bool FailOnInconclusive { get; init; }

    /// <summary>Gets where notes that do not fail a test go (baseline recorded, inconclusive, other machine).</summary>
    /// <value>Default <see langword="null"/>: <see cref="Console.Out"/>.</value>
    public Action<string>? Log { get; init; }
}
