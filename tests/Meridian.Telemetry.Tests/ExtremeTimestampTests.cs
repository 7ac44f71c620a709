namespace Meridian.Telemetry.Tests;

/// <summary>Timestamps at the ends of <see cref="long"/>: windows that exist are aggregated, the rest rejected, nothing overflows.</summary>
public class ExtremeTimestampTests
{
    [Fact]
    public void The_earliest_representable_window_start_is_a_whole_second_above_long_min()
    {
        Assert.Equal(-9_223_372_036_000_000_000, WindowAggregate.MinTimestampNs);
        Assert.Equal(WindowAggregate.MinTimestampNs, WindowAggregate.WindowStartOf(WindowAggregate.MinTimestampNs));
        Assert.Equal(WindowAggregate.MinTimestampNs, WindowAggregate.WindowStartOf(WindowAggregate.MinTimestampNs + 999_999_999));
        Assert.Equal(9_223_372_036_000_000_000, WindowAggregate.WindowStartOf(long.MaxValue));
        Assert.Throws<ArgumentOutOfRangeException>(() => WindowAggregate.WindowStartOf(long.MinValue));
        Assert.Throws<ArgumentOutOfRangeException>(() => WindowAggregate.WindowStartOf(WindowAggregate.MinTimestampNs - 1));
    }

    [Theory]
    [InlineData("naive")]
    [InlineData("optimized")]
    public void Timestamps_before_the_earliest_window_are_rejected_and_the_extremes_are_emitted(string implementation)
    {
        byte[] input = Frames.Concat(
            Frames.Make(1, 1, long.MinValue),
            Frames.Make(2, 1, WindowAggregate.MinTimestampNs - 1),
            Frames.Make(3, 1, WindowAggregate.MinTimestampNs, count: 1, sample: 2f),
            Frames.Make(3, 2, WindowAggregate.MinTimestampNs + 999_999_999, count: 1, sample: 4f),
            Frames.Make(4, 1, long.MaxValue, count: 1, sample: 1.5f));
        using var pipeline = implementation == "naive" ? PipelineRuns.Naive() : PipelineRuns.Optimized();

        var outcome = PipelineRuns.Whole(pipeline, input);

        Assert.Equal(2, outcome.Statistics.RejectedFor(RejectReason.TimestampOutOfRange));
        Assert.Equal(3, outcome.Statistics.FramesAccepted);
        Assert.True(outcome.Statistics.BytesBalance, outcome.Statistics.ToString());
        Assert.Equal(
            "telemetry,sensor=3 count=2i,min=2,max=4,mean=3 -9223372036000000000\n" +
            "telemetry,sensor=4 count=1i,min=1.5,max=1.5,mean=1.5 9223372036000000000\n",
            outcome.Lines);
    }
}
