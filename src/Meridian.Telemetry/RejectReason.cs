namespace Meridian.Telemetry;

/// <summary>Why a frame candidate (a magic number found in the input) was rejected.</summary>
/// <remarks>
/// A candidate whose length cannot be trusted (<see cref="SampleCountTooLarge"/>, <see cref="ChecksumMismatch"/>,
/// <see cref="Truncated"/>) accounts for its two magic bytes only; scanning resumes right after them, so a real frame
/// hidden behind a corrupted one is still found. Any other rejected frame passed its checksum, so all of its bytes are
/// accounted to it.
/// </remarks>
public enum RejectReason
{
    /// <summary>The sample count is larger than <see cref="FrameFormat.MaxSampleCount"/> (detected while decoding).</summary>
    SampleCountTooLarge,

    /// <summary>The CRC-32C does not match the frame's bytes (detected while decoding: the length is only trusted once it holds).</summary>
    ChecksumMismatch,

    /// <summary>The input ended before the frame did.</summary>
    Truncated,

    /// <summary>The version is not <see cref="FrameFormat.CurrentVersion"/>.</summary>
    UnsupportedVersion,

    /// <summary>The frame carries no samples, so it has nothing to aggregate.</summary>
    NoSamples,

    /// <summary>A sample is NaN or infinite.</summary>
    NonFiniteSample,

    /// <summary>The sequence number repeats the sensor's last accepted one.</summary>
    DuplicateSequence,

    /// <summary>The sequence number is older than the sensor's last accepted one (the frame arrived late, reordered).</summary>
    OutOfOrderSequence,

    /// <summary>The sequence number advanced but the timestamp went back in time.</summary>
    TimestampRegression,

    /// <summary>
    /// The timestamp lies before <see cref="WindowAggregate.MinTimestampNs"/>: the start of its one-second window is not
    /// representable as Unix nanoseconds in a <see cref="long"/>, so the frame cannot be aggregated.
    /// </summary>
    TimestampOutOfRange,
}
