namespace Meridian.Perf;

/// <summary>How <see cref="Bench.Scaling(IReadOnlyList{int}, Action{int}, ScalingOptions?)"/> measures each size. Values are validated when set.</summary>
public sealed record ScalingOptions
{
    private readonly int _passes = 5;
    private readonly int _batchesPerPass = 4;
    private readonly SamplingPlan _plan = SamplingPlan.Default with { WarmupQuietPeriod = TimeSpan.FromMilliseconds(100) };

    /// <summary>Gets the default options.</summary>
    public static ScalingOptions Default { get; } = new();

    /// <summary>Gets the passes over all sizes; sizes are measured in turn within each pass, so a drift of the machine spreads over every size instead of bending the curve.</summary>
    /// <value>Default 5; 1 or more.</value>
    public int Passes
    {
        get => _passes;
        init => _passes = TimingGuard.AtLeast(value, 1, nameof(Passes));
    }

    /// <summary>Gets the batches of each size in each pass.</summary>
    /// <value>Default 4 (20 samples per size with the default passes); 1 or more.</value>
    public int BatchesPerPass
    {
        get => _batchesPerPass;
        init => _batchesPerPass = TimingGuard.AtLeast(value, 1, nameof(BatchesPerPass));
    }

    /// <summary>Gets how long the JIT must compile nothing before the warm-up of a size ends.</summary>
    /// <value>Default 100 ms per size; zero or more.</value>
    public TimeSpan WarmupQuietPeriod
    {
        get => _plan.WarmupQuietPeriod;
        init => _plan = _plan.WithWarmupQuietPeriod(value);
    }

    /// <summary>Gets the longest warm-up of one size.</summary>
    /// <value>Default 1 s; zero or more.</value>
    public TimeSpan MaxWarmupTime
    {
        get => _plan.MaxWarmupTime;
        init => _plan = _plan.WithMaxWarmupTime(value);
    }

    /// <summary>Gets the target length of one batch.</summary>
    /// <value>Default 2 ms; more than zero.</value>
    public TimeSpan BatchTime
    {
        get => _plan.BatchTime;
        init => _plan = _plan.WithBatchTime(value);
    }

    internal SamplingPlan Plan => _plan;
}
