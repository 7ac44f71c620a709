namespace Meridian.Telemetry;

/// <summary>What <see cref="FrameGenerator"/> produces. Values are validated when set.</summary>
public sealed record GeneratorOptions
{
    private readonly int _sensorCount = 256;
    private readonly int _samplesPerFrame = 16;
    private readonly int _framesPerSensorPerSecond = 4;

    /// <summary>Gets the default scenario: 256 sensors, 16 samples a frame (92 B frames), 4 frames per sensor and second (so one line per 4 frames), no faults.</summary>
    public static GeneratorOptions Default { get; } = new();

    /// <summary>Gets the seed; the same options give the same bytes.</summary>
    /// <value>Default 42.</value>
    public int Seed { get; init; } = 42;

    /// <summary>Gets the number of sensors; frames go round-robin over them.</summary>
    /// <value>Default 256; 1 or more.</value>
    public int SensorCount
    {
        get => _sensorCount;
        init => _sensorCount = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(SensorCount), value, "SensorCount must be 1 or more.");
    }

    /// <summary>Gets the id of the first sensor; the others follow consecutively.</summary>
    /// <value>Default 1000.</value>
    public uint FirstSensorId { get; init; } = 1000;

    /// <summary>Gets the samples in each frame.</summary>
    /// <value>Default 16; 1 to <see cref="FrameFormat.MaxSampleCount"/>.</value>
    public int SamplesPerFrame
    {
        get => _samplesPerFrame;
        init => _samplesPerFrame = value is >= 1 and <= FrameFormat.MaxSampleCount
            ? value
            : throw new ArgumentOutOfRangeException(nameof(SamplesPerFrame), value, $"SamplesPerFrame must be 1 to {FrameFormat.MaxSampleCount}.");
    }

    /// <summary>Gets how many frames each sensor sends per second of capture time: the frames per emitted line, since a window is one second.</summary>
    /// <value>Default 4; 1 to 1 000 000.</value>
    public int FramesPerSensorPerSecond
    {
        get => _framesPerSensorPerSecond;
        init => _framesPerSensorPerSecond = value is >= 1 and <= 1_000_000
            ? value
            : throw new ArgumentOutOfRangeException(nameof(FramesPerSensorPerSecond), value, "FramesPerSensorPerSecond must be 1 to 1 000 000.");
    }

    /// <summary>Gets the timestamp of the first frame, Unix nanoseconds.</summary>
    /// <value>Default 1 700 000 000 000 000 000 (November 2023).</value>
    public long StartTimestampNs { get; init; } = 1_700_000_000_000_000_000;

    /// <summary>Gets the faults to inject.</summary>
    /// <value>Default <see cref="FaultOptions.None"/>.</value>
    public FaultOptions Faults { get; init; } = FaultOptions.None;
}
