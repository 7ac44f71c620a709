namespace Meridian.Perf;

/// <summary>How <see cref="Allocations"/> warms up and measures a body. Values are validated when set.</summary>
public sealed record AllocationOptions
{
    private readonly int _warmupCalls = 3;
    private readonly int _windows = 5;
    private readonly int _callsPerWindow = 100;
    private readonly TimeSpan _culpritSamplingTime = TimeSpan.FromSeconds(1);

    /// <summary>Gets the default options: 3 warm-up calls, then 5 windows of 100 calls; culprits named on failure, sampling for at most 1 s.</summary>
    public static AllocationOptions Default { get; } = new();

    /// <summary>Gets the calls made before measuring, so that first-call costs (static constructors, lazily built caches, type loading) are not counted.</summary>
    /// <value>Default 3; 0 or more.</value>
    public int WarmupCalls
    {
        get => _warmupCalls;
        init => _warmupCalls = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(WarmupCalls), value, "WarmupCalls must be 0 or more.");
    }

    /// <summary>The most windows a measurement takes (<see cref="Windows"/>): each window's bytes are kept for the report, and a verdict needs only a few.</summary>
    public const int MaxWindows = 10_000;

    /// <summary>Gets the number of measured windows. The reported figure is the smallest window's; an assertion fails only when every window is over budget.</summary>
    /// <value>Default 5; 1 to <see cref="MaxWindows"/> (10 000).</value>
    public int Windows
    {
        get => _windows;
        init => _windows = value is >= 1 and <= MaxWindows
            ? value
            : throw new ArgumentOutOfRangeException(nameof(Windows), value, $"Windows must be from 1 to {MaxWindows}: each window's bytes are kept for the report; for longer measurements raise CallsPerWindow.");
    }

    /// <summary>Gets the calls in each window; a window's bytes are divided by this number.</summary>
    /// <value>Default 100; 1 or more.</value>
    public int CallsPerWindow
    {
        get => _callsPerWindow;
        init => _callsPerWindow = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(CallsPerWindow), value, "CallsPerWindow must be 1 or more.");
    }

    /// <summary>
    /// Gets whether a failed allocation assertion names the likely allocating types: the body is run again under the
    /// runtime's allocation sampling (<see cref="Runtime.RuntimeEventRecorder"/>) until about a thousand samples are
    /// gathered or <see cref="CulpritSamplingTime"/> runs out, and the types with their estimated bytes per call are
    /// added to the failure message. Only failures pay for it; a passing assertion never samples.
    /// </summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool NameCulprits { get; init; } = true;

    /// <summary>Gets the most time a failed assertion spends re-running the body to name its culprits (see <see cref="NameCulprits"/>).</summary>
    /// <value>Default 1 second; more than zero.</value>
    public TimeSpan CulpritSamplingTime
    {
        get => _culpritSamplingTime;
        init => _culpritSamplingTime = value > TimeSpan.Zero
            ? value
            : throw new ArgumentOutOfRangeException(nameof(CulpritSamplingTime), value, "CulpritSamplingTime must be more than zero; set NameCulprits = false to switch culprit sampling off.");
    }
}
