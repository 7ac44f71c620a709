namespace Meridian.Telemetry;

/// <summary>
/// Which faults <see cref="FrameGenerator"/> injects, each as a probability per generated frame. Values are validated
/// when set. A frame gets at most one corruption (bit flip, truncation or oversized count); garbage, duplication and
/// reordering combine freely with it and with each other.
/// </summary>
public sealed record FaultOptions
{
    private readonly double _bitFlip;
    private readonly double _truncation;
    private readonly double _garbage;
    private readonly double _duplicate;
    private readonly double _reorder;
    private readonly double _oversizedCount;
    private readonly int _maxGarbageLength = 64;

    /// <summary>Gets options with no faults: a clean capture.</summary>
    public static FaultOptions None { get; } = new();

    /// <summary>Gets a lossy link: 0.5 % of frames each with a bit flip, truncation, garbage before them, duplication, reordering or an oversized count.</summary>
    public static FaultOptions Typical { get; } = new()
    {
        BitFlip = 0.005,
        Truncation = 0.005,
        Garbage = 0.005,
        Duplicate = 0.005,
        Reorder = 0.005,
        OversizedCount = 0.005,
    };

    /// <summary>Gets a hostile link for fuzzing: 5 % of frames each with every fault.</summary>
    public static FaultOptions Heavy { get; } = new()
    {
        BitFlip = 0.05,
        Truncation = 0.05,
        Garbage = 0.05,
        Duplicate = 0.05,
        Reorder = 0.05,
        OversizedCount = 0.05,
    };

    /// <summary>Gets the probability that one random bit of the frame (anywhere, magic and checksum included) is flipped.</summary>
    /// <value>Default 0; 0 to 1.</value>
    public double BitFlip { get => _bitFlip; init => _bitFlip = Probability(value, nameof(BitFlip)); }

    /// <summary>Gets the probability that only a random proper prefix of the frame is sent.</summary>
    /// <value>Default 0; 0 to 1.</value>
    public double Truncation { get => _truncation; init => _truncation = Probability(value, nameof(Truncation)); }

    /// <summary>Gets the probability that 1 to <see cref="MaxGarbageLength"/> random bytes precede the frame.</summary>
    /// <value>Default 0; 0 to 1.</value>
    public double Garbage { get => _garbage; init => _garbage = Probability(value, nameof(Garbage)); }

    /// <summary>Gets the probability that the frame is sent twice in a row.</summary>
    /// <value>Default 0; 0 to 1.</value>
    public double Duplicate { get => _duplicate; init => _duplicate = Probability(value, nameof(Duplicate)); }

    /// <summary>Gets the probability that the frame is held back and sent after its sensor's next frame.</summary>
    /// <value>Default 0; 0 to 1.</value>
    public double Reorder { get => _reorder; init => _reorder = Probability(value, nameof(Reorder)); }

    /// <summary>Gets the probability that the frame declares more than <see cref="FrameFormat.MaxSampleCount"/> samples (with a checksum that matches the lie).</summary>
    /// <value>Default 0; 0 to 1.</value>
    public double OversizedCount { get => _oversizedCount; init => _oversizedCount = Probability(value, nameof(OversizedCount)); }

    /// <summary>Gets the longest garbage run.</summary>
    /// <value>Default 64; 1 to 4096.</value>
    public int MaxGarbageLength
    {
        get => _maxGarbageLength;
        init => _maxGarbageLength = value is >= 1 and <= 4096
            ? value
            : throw new ArgumentOutOfRangeException(nameof(MaxGarbageLength), value, "MaxGarbageLength must be 1 to 4096.");
    }

    /// <summary>Gets whether any fault is enabled.</summary>
    public bool Any => BitFlip + Truncation + Garbage + Duplicate + Reorder + OversizedCount > 0;

    private static double Probability(double value, string name) =>
        value is >= 0 and <= 1 ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} is a probability and must be 0 to 1.");
}
