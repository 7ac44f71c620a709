namespace Meridian.Perf;

/// <summary>How <see cref="Bench.Scaling(IReadOnlyList{int}, Action{int}, ScalingOptions?)"/> measures each size. Values are validated when set.</summary>
public sealed record ScalingOptions
{
    private readonly int _passes = 5;
    private readonly int _batchesPerPass = 4;
    private readonly TimeSpan _warmupQuietPeriod = TimeSpan.FromMilliseconds(100);
    private readonly TimeSpan _maxWarmupTime = TimeSpan.FromSeconds(1);
    private readonly TimeSpan _batchTime = TimeSpan.FromMilliseconds(2);

    /// <summary>Gets the default options.</summary>
    public static ScalingOptions Default { get; } = new();

    /// <summary>Gets the passes over all sizes; sizes are measured in turn within each pass, so a drift of the machine spreads over every size instead of bending the curve.</summary>
    /// <value>Default 5; 1 or more.</value>
    public int Passes
    {
        get => _passes;
        init => _passes = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(Passes), value, "Passes must be 1 or more.");
    }

    /// <summary>Gets the batches of each size in each pass.</summary>
    /// <value>Default 4 (20 samples per size with the default passes); 1 or more.</value>
    public int BatchesPerPass
    {
        get => _batchesPerPass;
        init => _batchesPerPass = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(BatchesPerPass), value, "BatchesPerPass must be 1 or more.");
    }

    /// <summary>Gets how long the JIT must compile nothing before the warm-up of a size ends.</summary>
    /// <value>Default 100 ms per size; zero or more.</value>
    public TimeSpan WarmupQuietPeriod
    {
        get => _warmupQuietPeriod;
        init => _warmupQuietPeriod = TimingGuard.NotNegative(value, nameof(WarmupQuietPeriod));
    }

    /// <summary>Gets the longest warm-up of one size.</summary>
    /// <value>Default 1 s; zero or more.</value>
    public TimeSpan MaxWarmupTime
    {
        get => _maxWarmupTime;
        init => _maxWarmupTime = TimingGuard.NotNegative(value, nameof(MaxWarmupTime));
    }

    /// <summary>Gets the target length of one batch.</summary>
    /// <value>Default 2 ms; more than zero.</value>
    public TimeSpan BatchTime
    {
        get => _batchTime;
        init => _batchTime = TimingGuard.Positive(value, nameof(BatchTime));
    }

    internal SamplingPlan Plan => new(WarmupQuietPeriod, MaxWarmupTime, BatchTime);
}
