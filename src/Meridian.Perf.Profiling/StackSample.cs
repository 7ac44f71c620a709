namespace Meridian.Perf.Profiling;

/// <summary>One call stack of a profile with its weight: samples for a CPU profile, estimated bytes for an allocation profile.</summary>
/// <remarks>Frames run from the root (outermost caller) to the leaf (where the sample was taken or the object was allocated),
/// the order of folded stacks and of a flamegraph from bottom to top.</remarks>
public sealed class StackSample
{
    /// <summary>Creates a stack.</summary>
    /// <param name="frames">The frame names, root first.</param>
    /// <param name="weight">The stack's weight (samples or bytes); not negative.</param>
    /// <exception cref="ArgumentException">No frames, or a negative or non-finite weight.</exception>
    public StackSample(IReadOnlyList<string> frames, double weight)
    {
        ArgumentNullException.ThrowIfNull(frames);
        if (frames.Count == 0)
        {
            throw new ArgumentException("A stack needs at least one frame.", nameof(frames));
        }

        if (weight < 0 || !double.IsFinite(weight))
        {
            throw new ArgumentException($"A stack's weight must be a finite number ≥ 0, but was {weight}.", nameof(weight));
        }

        Frames = frames;
        Weight = weight;
    }

    /// <summary>Creates a stack whose frames know their source lines.</summary>
    /// <param name="frames">The frame names, root first.</param>
    /// <param name="lines">Each frame's source line, null where it has none (native code, no PDB); as many as frames.</param>
    /// <param name="weight">The stack's weight (samples or bytes); not negative.</param>
    /// <exception cref="ArgumentException">No frames, a different number of lines, or a negative or non-finite weight.</exception>
    public StackSample(IReadOnlyList<string> frames, IReadOnlyList<SourceLine?> lines, double weight)
        : this(frames, weight)
    {
        ArgumentNullException.ThrowIfNull(lines);
        if (lines.Count != frames.Count)
        {
            throw new ArgumentException($"A stack needs one line (or null) per frame: {frames.Count} frames, {lines.Count} lines.", nameof(lines));
        }

        Lines = lines;
    }

    /// <summary>Gets the frame names, root first, leaf last.</summary>
    public IReadOnlyList<string> Frames { get; }

    /// <summary>Gets each frame's source line, root first, null where a frame has none; null when the profile did not
    /// resolve lines (<see cref="ProfilerOptions.SourceLines"/>).</summary>
    public IReadOnlyList<SourceLine?>? Lines { get; }

    /// <summary>Gets the stack's weight: samples (CPU profile) or estimated bytes (allocation profile).</summary>
    public double Weight { get; }

    /// <summary>Gets the leaf frame: where the sample was taken or the allocation made.</summary>
    public string Leaf => Frames[^1];

    /// <summary>Formats the stack as one folded line, <c>root;caller;leaf weight</c>.</summary>
    /// <returns>The line.</returns>
    public override string ToString() => FoldedStacks.FormatLine(this);
}
