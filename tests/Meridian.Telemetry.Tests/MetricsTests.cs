using System.Diagnostics.Metrics;
using Meridian.Telemetry.Naive;
using Meridian.Telemetry.Optimized;

namespace Meridian.Telemetry.Tests;

/// <summary>The statistics are published as System.Diagnostics.Metrics instruments, as dotnet-counters and OpenTelemetry read them.</summary>
public class MetricsTests
{
    [Theory]
    [InlineData("naive")]
    [InlineData("optimized")]
    public void Instruments_report_the_pipelines_accounting_with_units_and_tags(string implementation)
    {
        using var factory = new TestMeterFactory();
        var options = new TelemetryPipelineOptions { MeterFactory = factory };
        using ITelemetryPipeline pipeline = implementation == "naive" ? new NaivePipeline(options) : new OptimizedPipeline(options);
        byte[] capture = new FrameGenerator(new GeneratorOptions { Faults = FaultOptions.Typical }).GenerateCapture(20_000);
        var outcome = PipelineRuns.Whole(pipeline, capture);

        var measurements = new List<(string Name, string? Unit, double Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (factory.Meters.Contains(instrument.Meter))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((i, value, tags, _) => measurements.Add((i.Name, i.Unit, value, ToDictionary(tags))));
        listener.SetMeasurementEventCallback<double>((i, value, tags, _) => measurements.Add((i.Name, i.Unit, value, ToDictionary(tags))));
        listener.Start();
        listener.RecordObservableInstruments();

        var statistics = outcome.Statistics;
        Assert.All(measurements, m => Assert.Equal(implementation, m.Tags["implementation"]));
        Assert.Equal(TelemetryMetrics.MeterName, Assert.Single(factory.Meters).Name);
        Assert.Equal((statistics.FramesAccepted, "{frame}"), Single(measurements, "meridian.telemetry.frames.accepted"));
        Assert.Equal((statistics.FramesOffered, "{frame}"), Single(measurements, "meridian.telemetry.frames.offered"));
        Assert.Equal((statistics.SkippedBytes, "By"), Single(measurements, "meridian.telemetry.bytes.skipped"));
        Assert.Equal((statistics.LinesEmitted, "{line}"), Single(measurements, "meridian.telemetry.lines.emitted"));
        Assert.Equal(statistics.RejectedFor(RejectReason.ChecksumMismatch), measurements.Single(m => m.Name == "meridian.telemetry.frames.rejected" && (string?)m.Tags["reason"] == "checksum_mismatch").Value);
        Assert.Equal(statistics.FramesRejected, measurements.Where(m => m.Name == "meridian.telemetry.frames.rejected").Sum(m => m.Value));

        var durations = measurements.Where(m => m.Name == "meridian.telemetry.stage.duration").ToList();
        Assert.Equal(["decode", "validate", "aggregate", "emit"], durations.Select(m => (string?)m.Tags["stage"]));
        Assert.All(durations, m => Assert.Equal("s", m.Unit));
        Assert.All(durations, m => Assert.True(m.Value > 0, $"{m.Tags["stage"]} took {m.Value} s"));
        var allocated = measurements.Where(m => m.Name == "meridian.telemetry.stage.allocated").ToList();
        Assert.All(allocated, m => Assert.Equal("By", m.Unit));
        Assert.Equal(statistics.ForStage(PipelineStage.Decode).AllocatedBytes, allocated[0].Value);
        Assert.Equal(statistics.ForStage(PipelineStage.Validate).Items, measurements.Single(m => m.Name == "meridian.telemetry.stage.items" && (string?)m.Tags["stage"] == "validate").Value);
    }

    [Fact]
    public void The_naive_pipeline_reports_its_allocations_and_the_optimized_one_reports_none()
    {
        byte[] capture = new FrameGenerator().GenerateCapture(50_000);
        using var naive = PipelineRuns.Naive();
        using var optimized = PipelineRuns.Optimized();
        PipelineRuns.Whole(naive, capture);
        PipelineRuns.Whole(optimized, capture);

        // Decode of 50 000 frames copies each into a new array at least (92 B of frame, 64 B of samples).
        Assert.True(naive.Statistics.ForStage(PipelineStage.Decode).AllocatedBytes > 50_000 * 150, naive.Statistics.ForStage(PipelineStage.Decode).ToString());
        Assert.Equal(0, optimized.Statistics.ForStage(PipelineStage.Decode).AllocatedBytes);
        Assert.Equal(0, optimized.Statistics.ForStage(PipelineStage.Validate).AllocatedBytes);
    }

    private static (double Value, string? Unit) Single(List<(string Name, string? Unit, double Value, Dictionary<string, object?> Tags)> measurements, string name)
    {
        var m = Assert.Single(measurements, m => m.Name == name);
        return (m.Value, m.Unit);
    }

    private static Dictionary<string, object?> ToDictionary(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var result = new Dictionary<string, object?>();
        foreach (var tag in tags)
        {
            result[tag.Key] = tag.Value;
        }

        return result;
    }

    private sealed class TestMeterFactory : IMeterFactory
    {
        public List<Meter> Meters { get; } = [];

        public Meter Create(MeterOptions options)
        {
            var meter = new Meter(options.Name, options.Version, options.Tags, scope: this);
            Meters.Add(meter);
            return meter;
        }

        public void Dispose()
        {
            foreach (var meter in Meters)
            {
                meter.Dispose();
            }
        }
    }
}
