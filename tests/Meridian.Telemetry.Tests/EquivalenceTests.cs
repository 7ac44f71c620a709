namespace Meridian.Telemetry.Tests;

/// <summary>The optimized pipeline writes exactly what the naive one writes, however the input arrives.</summary>
public class EquivalenceTests
{
    public static TheoryData<string> Scenarios => new() { "clean", "typical", "heavy" };

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Optimized_output_equals_naive_output_on_the_same_capture(string scenario)
    {
        byte[] capture = new FrameGenerator(Options(scenario)).GenerateCapture(20_000);

        using var naive = PipelineRuns.Naive();
        var expected = PipelineRuns.Whole(naive, capture);
        Assert.True(expected.Statistics.LinesEmitted > 1000, expected.Counts);

        using var whole = PipelineRuns.Optimized();
        var actual = PipelineRuns.Whole(whole, capture);
        Assert.Equal(expected.Counts, actual.Counts);
        Assert.Equal(expected.Lines, actual.Lines);

        using var chunked = PipelineRuns.Optimized(batchCapacity: 7);
        var chunkedOutcome = PipelineRuns.Chunked(chunked, capture, seed: 3, maxChunk: 700);
        Assert.Equal(expected.Counts, chunkedOutcome.Counts);
        Assert.Equal(expected.Lines, chunkedOutcome.Lines);

        // Small reads make multi-segment buffers, so frames straddle segments (the optimized pipeline's stitching path).
        using var streamed = new Optimized.OptimizedPipeline(new TelemetryPipelineOptions { ReadBufferSize = 300 });
        var streamedOutcome = await PipelineRuns.Streamed(streamed, capture, seed: 4, maxRead: 200);
        Assert.Equal(expected.Lines, streamedOutcome.Lines);
        Assert.Equal(expected.Statistics.FramesAccepted, streamedOutcome.Statistics.FramesAccepted);
        Assert.True(streamedOutcome.Statistics.BytesBalance, streamedOutcome.Counts);

        using var naiveStreamed = PipelineRuns.Naive();
        var naiveStreamedOutcome = await PipelineRuns.Streamed(naiveStreamed, capture, seed: 5, maxRead: 5000);
        Assert.Equal(streamedOutcome.Counts, naiveStreamedOutcome.Counts);
        Assert.Equal(expected.Lines, naiveStreamedOutcome.Lines);
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void A_per_sensor_table_that_grows_during_the_run_changes_nothing(string scenario)
    {
        // Sized for one sensor, the table grows from 16 slots to 1024 while the run meets 300 sensors (inside batches,
        // where the validator must reload the table it probes), and sensor indexes taken before a growth must stay valid.
        byte[] capture = new FrameGenerator(Options(scenario) with { SensorCount = 300, SamplesPerFrame = 16 }).GenerateCapture(12_000);
        using var naive = PipelineRuns.Naive();
        var expected = PipelineRuns.Whole(naive, capture);

        foreach (int batchCapacity in new[] { 1024, 5 })
        {
            using var growing = new Optimized.OptimizedPipeline(new TelemetryPipelineOptions { BatchCapacity = batchCapacity }, expectedSensors: 1);
            var actual = PipelineRuns.Whole(growing, capture);
            Assert.Equal(expected.Counts, actual.Counts);
            Assert.Equal(expected.Lines, actual.Lines);

            // A second run after a reset starts from the grown table, empty.
            growing.ResetSensors();
            var again = PipelineRuns.Whole(growing, capture);
            Assert.Equal(expected.Lines, again.Lines);
        }
    }

    [Fact]
    public void Frames_per_line_of_the_default_scenario_is_the_frames_per_sensor_and_second()
    {
        byte[] capture = new FrameGenerator().GenerateCapture(256 * 4 * 10);
        using var pipeline = PipelineRuns.Optimized();
        var outcome = PipelineRuns.Whole(pipeline, capture);

        Assert.Equal(256 * 4 * 10, outcome.Statistics.FramesAccepted);
        Assert.Equal(256 * 10, outcome.Statistics.LinesEmitted);
    }

    internal static GeneratorOptions Options(string scenario, int seed = 11) => new()
    {
        Seed = seed,
        SensorCount = 97,
        SamplesPerFrame = 13,
        FramesPerSensorPerSecond = 3,
        Faults = scenario switch
        {
            "clean" => FaultOptions.None,
            "typical" => FaultOptions.Typical,
            _ => FaultOptions.Heavy,
        },
    };
}
