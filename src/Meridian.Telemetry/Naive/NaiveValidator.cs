namespace Meridian.Telemetry.Naive;

/// <summary>
/// The naive validate stage: LINQ over the samples, a <see cref="Dictionary{TKey, TValue}"/> of per-sensor history
/// objects created without a capacity, and an exception per bad frame.
/// </summary>
public sealed class NaiveValidator
{
    private readonly Dictionary<uint, SensorHistory> _history = new();

    /// <summary>Forgets every sensor's history.</summary>
    public void Reset() => _history.Clear();

    /// <summary>Validates one frame and records its sequence; throws for a bad one.</summary>
    /// <param name="frame">The decoded frame.</param>
    /// <param name="statistics">Where sequence gaps are counted.</param>
    /// <exception cref="FrameRejectedException">The frame is rejected; <see cref="FrameRejectedException.Reason"/> says why.</exception>
    public void Validate(NaiveFrame frame, TelemetryStatistics statistics)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(statistics);
        if (frame.Version != FrameFormat.CurrentVersion)
        {
            throw new FrameRejectedException(RejectReason.UnsupportedVersion, $"Sensor {frame.SensorId} sent version {frame.Version}; only {FrameFormat.CurrentVersion} is supported.");
        }

        if (frame.Samples.Length == 0)
        {
            throw new FrameRejectedException(RejectReason.NoSamples, $"Sensor {frame.SensorId} sent frame {frame.Sequence} without samples.");
        }

        if (frame.Samples.Any(s => float.IsNaN(s) || float.IsInfinity(s)))
        {
            throw new FrameRejectedException(RejectReason.NonFiniteSample, $"Sensor {frame.SensorId} sent a non-finite sample in frame {frame.Sequence}.");
        }

        if (frame.Timestamp < WindowAggregate.MinTimestampNs)
        {
            throw new FrameRejectedException(RejectReason.TimestampOutOfRange, $"Sensor {frame.SensorId} frame {frame.Sequence} is timestamped {frame.Timestamp} ns, before the earliest representable window.");
        }

        if (_history.TryGetValue(frame.SensorId, out var history))
        {
            int step = unchecked((int)(frame.Sequence - history.LastSequence));
            if (step == 0)
            {
                throw new FrameRejectedException(RejectReason.DuplicateSequence, $"Sensor {frame.SensorId} repeated frame {frame.Sequence}.");
            }

            if (step < 0)
            {
                throw new FrameRejectedException(RejectReason.OutOfOrderSequence, $"Sensor {frame.SensorId} sent frame {frame.Sequence} after {history.LastSequence}.");
            }

            if (frame.Timestamp < history.LastTimestamp)
            {
                throw new FrameRejectedException(RejectReason.TimestampRegression, $"Sensor {frame.SensorId} frame {frame.Sequence} is timestamped before its predecessor.");
            }

            if (step > 1)
            {
                statistics.Gap(step - 1);
            }

            history.LastSequence = frame.Sequence;
            history.LastTimestamp = frame.Timestamp;
        }
        else
        {
            _history[frame.SensorId] = new SensorHistory { LastSequence = frame.Sequence, LastTimestamp = frame.Timestamp };
        }
    }

    private sealed class SensorHistory
    {
        public uint LastSequence { get; set; }

        public long LastTimestamp { get; set; }
    }
}
