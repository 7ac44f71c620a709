namespace Meridian.Telemetry.Tests;

public class RejectionTests
{
    private static readonly byte[] Valid = Frames.Make(1, 1, Frames.T0);
    private static readonly byte[] Next = Frames.Make(1, 2, Frames.T0 + 10);

    [Fact]
    public void Oversized_sample_count_is_rejected_and_the_scan_resumes_after_the_magic()
    {
        var outcome = RunBoth(Frames.Concat(Frames.WithCount(Valid, 65), Next));

        AssertRejected(outcome, RejectReason.SampleCountTooLarge, rejectedBytes: 2);
        Assert.Equal(1, outcome.Statistics.FramesAccepted);
        Assert.Equal(Valid.Length - 2, outcome.Statistics.SkippedBytes);
    }

    [Fact]
    public void Checksum_mismatch_is_rejected_and_a_frame_behind_it_is_still_found()
    {
        var outcome = RunBoth(Frames.Concat(Frames.WithFlippedBit(Valid, (30 * 8) + 3), Next));

        AssertRejected(outcome, RejectReason.ChecksumMismatch, rejectedBytes: 2);
        Assert.Equal(1, outcome.Statistics.FramesAccepted);
        Assert.Equal(Valid.Length - 2, outcome.Statistics.SkippedBytes);
    }

    [Fact]
    public void A_frame_cut_short_by_the_next_one_fails_its_checksum_and_the_next_one_survives()
    {
        var outcome = RunBoth(Frames.Concat(Valid[..50], Next));

        AssertRejected(outcome, RejectReason.ChecksumMismatch, rejectedBytes: 2);
        Assert.Equal(1, outcome.Statistics.FramesAccepted);
        Assert.Equal(Next.Length, outcome.Statistics.AcceptedBytes);
        Assert.Equal(48, outcome.Statistics.SkippedBytes);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(50)]
    [InlineData(91)]
    public void Input_ending_inside_a_frame_is_truncated(int length)
    {
        var outcome = RunBoth(Frames.Concat(Valid, Next[..length]));

        AssertRejected(outcome, RejectReason.Truncated, rejectedBytes: 2);
        Assert.Equal(1, outcome.Statistics.FramesAccepted);
        Assert.Equal(length - 2, outcome.Statistics.SkippedBytes);
    }

    [Fact]
    public void Unsupported_version_is_rejected_with_all_its_bytes()
    {
        var outcome = RunBoth(Frames.Concat(Frames.Make(1, 1, Frames.T0, version: 2), Next));

        AssertRejected(outcome, RejectReason.UnsupportedVersion, rejectedBytes: Valid.Length);
        Assert.Equal(1, outcome.Statistics.FramesAccepted);
        Assert.Equal(0, outcome.Statistics.SkippedBytes);
    }

    [Fact]
    public void A_frame_without_samples_is_rejected()
    {
        var outcome = RunBoth(Frames.Concat(Frames.Make(1, 1, Frames.T0, count: 0), Next));

        AssertRejected(outcome, RejectReason.NoSamples, rejectedBytes: FrameFormat.MinFrameSize);
        Assert.Equal(1, outcome.Statistics.FramesAccepted);
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    public void A_non_finite_sample_is_rejected(float sample)
    {
        float[] samples = [1f, 2f, 3f, 4f, 5f, sample, 7f];
        var outcome = RunBoth(Frames.Concat(Frames.Make(new FrameHeader(1, 1, Frames.T0), samples), Next));

        AssertRejected(outcome, RejectReason.NonFiniteSample, rejectedBytes: FrameFormat.FrameSize(samples.Length));
        Assert.Equal(1, outcome.Statistics.FramesAccepted);
    }

    [Fact]
    public void A_non_finite_sample_is_found_at_every_position_of_every_frame_length()
    {
        // The optimized check reads 32-byte blocks, the last one overlapping when the samples are not a multiple of 8.
        foreach (int count in new[] { 1, 3, 7, 8, 9, 15, 16, 17, 24, 33, 64 })
        {
            for (int position = 0; position < count; position++)
            {
                float[] samples = Enumerable.Range(1, count).Select(i => (float)i).ToArray();
                samples[position] = position % 2 == 0 ? float.NaN : float.NegativeInfinity;
                var outcome = RunBoth(Frames.Concat(Frames.Make(new FrameHeader(1, 1, Frames.T0), samples), Next));

                AssertRejected(outcome, RejectReason.NonFiniteSample, rejectedBytes: FrameFormat.FrameSize(count));
                Assert.Equal(1, outcome.Statistics.FramesAccepted);
            }
        }
    }

    [Fact]
    public void A_repeated_sequence_is_a_duplicate()
    {
        var outcome = RunBoth(Frames.Concat(Valid, Valid, Next));

        AssertRejected(outcome, RejectReason.DuplicateSequence, rejectedBytes: Valid.Length);
        Assert.Equal(2, outcome.Statistics.FramesAccepted);
        Assert.Equal(0, outcome.Statistics.SequenceGaps);
    }

    [Fact]
    public void An_older_sequence_is_out_of_order_and_leaves_a_gap_behind()
    {
        var third = Frames.Make(1, 3, Frames.T0 + 20);
        var outcome = RunBoth(Frames.Concat(Valid, third, Next));

        AssertRejected(outcome, RejectReason.OutOfOrderSequence, rejectedBytes: Next.Length);
        Assert.Equal(2, outcome.Statistics.FramesAccepted);
        Assert.Equal(1, outcome.Statistics.SequenceGaps);
    }

    [Fact]
    public void Sequence_wrapping_around_is_in_order()
    {
        var outcome = RunBoth(Frames.Concat(Frames.Make(1, uint.MaxValue, Frames.T0), Frames.Make(1, 0, Frames.T0 + 1)));

        Assert.Equal(2, outcome.Statistics.FramesAccepted);
        Assert.Equal(0, outcome.Statistics.FramesRejected);
    }

    [Fact]
    public void A_timestamp_going_back_is_a_regression()
    {
        var outcome = RunBoth(Frames.Concat(Valid, Frames.Make(1, 2, Frames.T0 - 1)));

        AssertRejected(outcome, RejectReason.TimestampRegression, rejectedBytes: Valid.Length);
        Assert.Equal(1, outcome.Statistics.FramesAccepted);
    }

    [Fact]
    public void Garbage_is_skipped_including_false_starts_of_the_magic()
    {
        byte[] garbage = [0x00, 0x52, 0x52, 0x4E, 0x4D, 0xFF, 0x52];
        var outcome = RunBoth(Frames.Concat(garbage, Valid, garbage, Next, [0x52]));

        Assert.Equal(2, outcome.Statistics.FramesAccepted);
        Assert.Equal(0, outcome.Statistics.FramesRejected);
        Assert.Equal((2 * garbage.Length) + 1, outcome.Statistics.SkippedBytes);
    }

    [Fact]
    public void Sequence_gaps_are_counted_on_accepted_frames()
    {
        var outcome = RunBoth(Frames.Concat(Valid, Frames.Make(1, 4, Frames.T0 + 30), Frames.Make(2, 9, Frames.T0), Frames.Make(2, 10, Frames.T0)));

        Assert.Equal(4, outcome.Statistics.FramesAccepted);
        Assert.Equal(2, outcome.Statistics.SequenceGaps);
    }

    [Fact]
    public void Windows_close_when_a_later_second_arrives_and_the_rest_at_completion_by_sensor_id()
    {
        float[] first = [1f, 5f];
        float[] second = [3f];
        var outcome = RunBoth(Frames.Concat(
            Frames.Make(new FrameHeader(9, 1, Frames.T0 + 5), first),
            Frames.Make(new FrameHeader(3, 1, Frames.T0 + 7), [2.5f]),
            Frames.Make(new FrameHeader(9, 2, Frames.T0 + 900_000_000), second),
            Frames.Make(new FrameHeader(9, 3, Frames.T0 + Frames.Second + 1), [-0.5f])));

        Assert.Equal(
            "telemetry,sensor=9 count=3i,min=1,max=5,mean=3 1700000000000000000\n" +
            "telemetry,sensor=3 count=1i,min=2.5,max=2.5,mean=2.5 1700000000000000000\n" +
            "telemetry,sensor=9 count=1i,min=-0.5,max=-0.5,mean=-0.5 1700000001000000000\n",
            outcome.Lines);
        Assert.Equal(3, outcome.Statistics.LinesEmitted);
    }

    private static void AssertRejected(PipelineOutcome outcome, RejectReason reason, long rejectedBytes)
    {
        var statistics = outcome.Statistics;
        Assert.Equal(1, statistics.RejectedFor(reason));
        Assert.Equal(1, statistics.FramesRejected);
        Assert.Equal(rejectedBytes, statistics.RejectedBytes);
        Assert.True(statistics.FramesBalance, statistics.ToString());
        Assert.True(statistics.BytesBalance, statistics.ToString());
    }

    /// <summary>Runs the input through both implementations, whole and byte by byte, and checks they agree exactly.</summary>
    private static PipelineOutcome RunBoth(byte[] input)
    {
        using var naive = PipelineRuns.Naive();
        using var optimized = PipelineRuns.Optimized();
        using var optimizedByteByByte = PipelineRuns.Optimized(batchCapacity: 1);
        var expected = PipelineRuns.Whole(naive, input);
        var actual = PipelineRuns.Whole(optimized, input);
        var chunked = PipelineRuns.Chunked(optimizedByteByByte, input, seed: 1, maxChunk: 1);

        Assert.Equal(expected.Counts, actual.Counts);
        Assert.Equal(expected.Lines, actual.Lines);
        Assert.Equal(expected.Counts, chunked.Counts);
        Assert.Equal(expected.Lines, chunked.Lines);
        return actual;
    }
}
