namespace Meridian.Telemetry;

/// <summary>What a <see cref="FrameGenerator"/> has produced so far: the ground truth a pipeline's accounting is checked against.</summary>
public sealed class GeneratorStatistics
{
    /// <summary>Gets the distinct frames generated (a duplicate is counted in <see cref="Duplicates"/>, not here).</summary>
    public long Frames { get; internal set; }

    /// <summary>Gets the bytes written.</summary>
    public long Bytes { get; internal set; }

    /// <summary>Gets the frames with one bit flipped.</summary>
    public long BitFlips { get; internal set; }

    /// <summary>Gets the frames cut short.</summary>
    public long Truncations { get; internal set; }

    /// <summary>Gets the garbage runs inserted.</summary>
    public long GarbageRuns { get; internal set; }

    /// <summary>Gets the garbage bytes inserted.</summary>
    public long GarbageBytes { get; internal set; }

    /// <summary>Gets the frames sent twice.</summary>
    public long Duplicates { get; internal set; }

    /// <summary>Gets the frames held back behind their sensor's next frame.</summary>
    public long Reorders { get; internal set; }

    /// <summary>Gets the frames that declare an oversized sample count.</summary>
    public long OversizedCounts { get; internal set; }

    /// <summary>Gets the frames sent intact and in order exactly once (no corruption, not reordered).</summary>
    public long CleanFrames { get; internal set; }
}
