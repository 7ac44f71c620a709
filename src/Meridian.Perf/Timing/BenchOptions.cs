namespace Meridian.Perf;

/// <summary>How <see cref="Bench.Run(Action, BenchOptions?)"/> warms up and samples a body. Values are validated when set.</summary>
/// <remarks>The defaults fit a unit test: about 0.6 s for a body of a few microseconds (warm-up until the speed has settled, then 100 batches of about 2 ms), never more than <see cref="MaxTime"/> (a measurement whose batches moved is repeated only within it).</remarks>
public sealed record BenchOptions
{
    private readonly SamplingPlan _plan = SamplingPlan.Default;
    private readonly int _samples = 100;
    private readonly TimeSpan _maxTime = TimeSpan.FromSeconds(2);

    /// <summary>Gets the default options.</summary>
    public static BenchOptions Default { get; } = new();

    /// <summary>Gets how long the JIT must compile nothing (in the whole process) before warm-up ends; the body's fastest batch must also have stopped improving.</summary>
    /// <value>Default 350 ms: the runtime's tier-up delay re-arms while new methods appear, and the JIT was measured quiet for up to 249 ms while a body still sped up. Zero or more; zero also skips the check that the fastest batch stopped improving.</value>
    public TimeSpan WarmupQuietPeriod
    {
        get => _plan.WarmupQuietPeriod;
        init => _plan = _plan.WithWarmupQuietPeriod(value);
    }

    /// <summary>Gets the longest warm-up: past it, measuring starts even though the JIT is still busy (the result says so).</summary>
    /// <value>Default 1 s; zero or more.</value>
    public TimeSpan MaxWarmupTime
    {
        get => _plan.MaxWarmupTime;
        init => _plan = _plan.WithMaxWarmupTime(value);
    }

    /// <summary>Gets the target length of one timed batch of back-to-back calls; each batch is one sample.</summary>
    /// <value>Default 2 ms: thousands of timer ticks, long against the timer's resolution and the loop's overhead, short enough for many samples. More than zero.</value>
    public TimeSpan BatchTime
    {
        get => _plan.BatchTime;
        init => _plan = _plan.WithBatchTime(value);
    }

    /// <summary>Gets the number of batches measured, unless <see cref="MaxTime"/> ends sampling first.</summary>
    /// <value>Default 100; 5 or more.</value>
    public int Samples
    {
        get => _samples;
        init => _samples = TimingGuard.AtLeast(value, 5, nameof(Samples));
    }

    /// <summary>Gets the time budget of the whole run, warm-up included. Sampling stops when it is spent, after at least 5 batches.</summary>
    /// <value>Default 2 s; more than zero.</value>
    public TimeSpan MaxTime
    {
        get => _maxTime;
        init => _maxTime = TimingGuard.Positive(value, nameof(MaxTime));
    }

    internal SamplingPlan Plan => _plan;
}
