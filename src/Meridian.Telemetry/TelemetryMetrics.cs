using System.Diagnostics.Metrics;

namespace Meridian.Telemetry;

/// <summary>
/// Publishes a pipeline's <see cref="TelemetryStatistics"/> through a <see cref="Meter"/> named <see cref="MeterName"/>,
/// so <c>dotnet-counters monitor --counters Meridian.Telemetry</c> and OpenTelemetry's <c>AddMeter("Meridian.Telemetry")</c>
/// read them.
/// </summary>
/// <remarks>
/// Every instrument is observable: the pipeline's hot path only increments plain fields, and the values are read when a
/// listener collects. Every measurement carries the tag <c>implementation</c> (<c>naive</c> or <c>optimized</c>).
/// Instruments: <c>meridian.telemetry.frames.offered</c>, <c>.frames.accepted</c>, <c>.frames.rejected</c> (tag
/// <c>reason</c>), <c>.bytes.read</c>, <c>.bytes.skipped</c>, <c>.sequence.gaps</c>, <c>.lines.emitted</c>,
/// <c>.output.bytes</c>, <c>.stage.duration</c> (seconds, tag <c>stage</c>), <c>.stage.allocated</c> (bytes, tag
/// <c>stage</c>) and <c>.stage.items</c> (tag <c>stage</c>).
/// </remarks>
public sealed class TelemetryMetrics : IDisposable
{
    /// <summary>The name of the meter.</summary>
    public const string MeterName = "Meridian.Telemetry";

    private static readonly RejectReason[] Reasons = Enum.GetValues<RejectReason>();
    private static readonly PipelineStage[] Stages = Enum.GetValues<PipelineStage>();

    private readonly TelemetryStatistics _statistics;
    private readonly KeyValuePair<string, object?> _implementation;
    private readonly bool _ownsMeter;

    /// <summary>Creates the instruments for <paramref name="statistics"/>.</summary>
    /// <param name="statistics">The statistics to publish.</param>
    /// <param name="implementation">The value of the <c>implementation</c> tag.</param>
    /// <param name="meterFactory">Where the meter comes from; when null a meter is created and disposed with this object.</param>
    public TelemetryMetrics(TelemetryStatistics statistics, string implementation, IMeterFactory? meterFactory = null)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        ArgumentNullException.ThrowIfNull(implementation);
        _statistics = statistics;
        _implementation = new KeyValuePair<string, object?>("implementation", implementation);
        _ownsMeter = meterFactory is null;
        Meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName, typeof(TelemetryMetrics).Assembly.GetName().Version?.ToString());

        Counter("meridian.telemetry.frames.offered", "{frame}", "Frame candidates (magic numbers) decided.", s => s.FramesOffered);
        Counter("meridian.telemetry.frames.accepted", "{frame}", "Frames that passed every check and were aggregated.", s => s.FramesAccepted);
        Meter.CreateObservableCounter("meridian.telemetry.frames.rejected", ObserveRejected, "{frame}", "Frame candidates rejected, by reason.");
        Counter("meridian.telemetry.bytes.read", "By", "Bytes read from the input stream.", s => s.BytesRead);
        Counter("meridian.telemetry.bytes.skipped", "By", "Input bytes that were not part of any frame candidate.", s => s.SkippedBytes);
        Counter("meridian.telemetry.sequence.gaps", "{frame}", "Frames missing between accepted frames, by sequence number.", s => s.SequenceGaps);
        Counter("meridian.telemetry.lines.emitted", "{line}", "Line-protocol lines written, one per closed window.", s => s.LinesEmitted);
        Counter("meridian.telemetry.output.bytes", "By", "Bytes of line protocol written.", s => s.OutputBytes);
        Meter.CreateObservableCounter("meridian.telemetry.stage.duration", ObserveStageDuration, "s", "Time spent in each stage, measured per batch by the pipeline.");
        Meter.CreateObservableCounter("meridian.telemetry.stage.allocated", ObserveStageAllocated, "By", "Bytes allocated in each stage on the pipeline's thread, exact.");
        Meter.CreateObservableCounter("meridian.telemetry.stage.items", ObserveStageItems, "{item}", "Items each stage processed.");
    }

    /// <summary>Gets the meter the instruments belong to.</summary>
    public Meter Meter { get; }

    /// <summary>Disposes the meter if this object created it.</summary>
    public void Dispose()
    {
        if (_ownsMeter)
        {
            Meter.Dispose();
        }
    }

    private void Counter(string name, string unit, string description, Func<TelemetryStatistics, long> read) =>
        Meter.CreateObservableCounter(name, () => new Measurement<long>(read(_statistics), _implementation), unit, description);

    private IEnumerable<Measurement<long>> ObserveRejected()
    {
        foreach (var reason in Reasons)
        {
            yield return new Measurement<long>(_statistics.RejectedFor(reason), _implementation, new KeyValuePair<string, object?>("reason", ReasonTag(reason)));
        }
    }

    private IEnumerable<Measurement<double>> ObserveStageDuration()
    {
        foreach (var stage in Stages)
        {
            yield return new Measurement<double>(_statistics.ForStage(stage).Elapsed.TotalSeconds, _implementation, StageTag(stage));
        }
    }

    private IEnumerable<Measurement<long>> ObserveStageAllocated()
    {
        foreach (var stage in Stages)
        {
            yield return new Measurement<long>(_statistics.ForStage(stage).AllocatedBytes, _implementation, StageTag(stage));
        }
    }

    private IEnumerable<Measurement<long>> ObserveStageItems()
    {
        foreach (var stage in Stages)
        {
            yield return new Measurement<long>(_statistics.ForStage(stage).Items, _implementation, StageTag(stage));
        }
    }

    private static KeyValuePair<string, object?> StageTag(PipelineStage stage) => new("stage", stage switch
    {
        PipelineStage.Decode => "decode",
        PipelineStage.Validate => "validate",
        PipelineStage.Aggregate => "aggregate",
        _ => "emit",
    });

    private static string ReasonTag(RejectReason reason) => reason switch
    {
        RejectReason.SampleCountTooLarge => "sample_count_too_large",
        RejectReason.ChecksumMismatch => "checksum_mismatch",
        RejectReason.Truncated => "truncated",
        RejectReason.UnsupportedVersion => "unsupported_version",
        RejectReason.NoSamples => "no_samples",
        RejectReason.NonFiniteSample => "non_finite_sample",
        RejectReason.DuplicateSequence => "duplicate_sequence",
        RejectReason.OutOfOrderSequence => "out_of_order_sequence",
        RejectReason.TimestampOutOfRange => "timestamp_out_of_range",
        _ => "timestamp_regression",
    };
}
