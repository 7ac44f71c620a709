namespace Meridian.Perf.Profiling;

/// <summary>How <see cref="FlamegraphSvgWriter"/> draws a flamegraph. Values are validated when set.</summary>
public sealed record FlamegraphOptions
{
    private readonly string _title = "Flame graph";
    private readonly int _width = 1200;
    private readonly int _frameHeight = 18;
    private readonly double _minimumFrameWidth = 0.3;

    /// <summary>Gets the title drawn at the top.</summary>
    /// <value>Default: "Flame graph".</value>
    /// <exception cref="ArgumentNullException">Null.</exception>
    public string Title
    {
        get => _title;
        init => _title = value ?? throw new ArgumentNullException(nameof(Title));
    }

    /// <summary>Gets a line drawn under the title (what was profiled, how); none when null.</summary>
    /// <value>Default: null.</value>
    public string? Subtitle { get; init; }

    /// <summary>Gets what the weights count; decides the tooltip text and the colour palette (warm colours for CPU
    /// samples, blue-green for bytes, as flamegraph.pl does).</summary>
    /// <value>Default: <see cref="ProfileWeightUnit.Samples"/>.</value>
    public ProfileWeightUnit Unit { get; init; } = ProfileWeightUnit.Samples;

    /// <summary>Gets the image width in pixels.</summary>
    /// <value>Default: 1200; 100 or more.</value>
    /// <exception cref="ArgumentOutOfRangeException">Less than 100.</exception>
    public int Width
    {
        get => _width;
        init => _width = value >= 100 ? value : throw new ArgumentOutOfRangeException(nameof(Width), value, "Width must be 100 pixels or more.");
    }

    /// <summary>Gets the height of one frame in pixels.</summary>
    /// <value>Default: 18; 1 or more.</value>
    /// <exception cref="ArgumentOutOfRangeException">Less than 1.</exception>
    public int FrameHeight
    {
        get => _frameHeight;
        init => _frameHeight = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(FrameHeight), value, "FrameHeight must be 1 pixel or more.");
    }

    /// <summary>Gets the narrowest frame drawn, in pixels; narrower frames are left out of the picture (their weight still
    /// counts in their callers).</summary>
    /// <value>Default: 0.3; 0 or more (0 draws every frame).</value>
    /// <exception cref="ArgumentOutOfRangeException">Negative or not a finite number.</exception>
    public double MinimumFrameWidth
    {
        get => _minimumFrameWidth;
        init => _minimumFrameWidth = value >= 0 && double.IsFinite(value)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(MinimumFrameWidth), value, "MinimumFrameWidth must be a finite number of pixels, 0 or more.");
    }
}
