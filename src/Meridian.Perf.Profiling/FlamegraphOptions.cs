namespace Meridian.Perf.Profiling;

/// <summary>How <see cref="FlamegraphSvgWriter"/> draws a flamegraph.</summary>
public sealed class FlamegraphOptions
{
    /// <summary>Gets or sets the title drawn at the top.</summary>
    /// <value>Default: "Flame graph".</value>
    public string Title { get; set; } = "Flame graph";

    /// <summary>Gets or sets a line drawn under the title (what was profiled, how); none when null.</summary>
    /// <value>Default: null.</value>
    public string? Subtitle { get; set; }

    /// <summary>Gets or sets what the weights count; decides the tooltip text and the colour palette
    /// (warm colours for CPU samples, blue-green for bytes, as flamegraph.pl does).</summary>
    /// <value>Default: <see cref="ProfileWeightUnit.Samples"/>.</value>
    public ProfileWeightUnit Unit { get; set; } = ProfileWeightUnit.Samples;

    /// <summary>Gets or sets the image width in pixels.</summary>
    /// <value>Default: 1200.</value>
    public int Width { get; set; } = 1200;

    /// <summary>Gets or sets the height of one frame in pixels.</summary>
    /// <value>Default: 18.</value>
    public int FrameHeight { get; set; } = 18;

    /// <summary>Gets or sets the narrowest frame drawn, in pixels; narrower frames are left out of the picture (their
    /// weight still counts in their callers).</summary>
    /// <value>Default: 0.3.</value>
    public double MinimumFrameWidth { get; set; } = 0.3;
}
