namespace Meridian.Telemetry.Tests;

/// <summary>
/// The optimized aggregator sums a frame in vector lanes only when every partial sum is exact, so its means equal
/// LINQ's sequential Average bit for bit; these inputs drive both the vector path, the sequential fallback, and the
/// switch between them in the middle of a window.
/// </summary>
public class AggregationExactnessTests
{
    [Fact]
    public void Means_min_and_max_match_the_naive_fold_across_magnitudes_and_signed_zeros()
    {
        var random = new Random(23);
        float[][] classes =
        [
            [1f, 1.5f, 1.25f, 1.125f],
            [1e30f, -1e30f, 3e29f],
            [1e-30f, -2e-31f, 1.4e-45f],
            [0f, -0f],
            [16777216f, 16777217f, 0.125f, 3.0000002f],
            [float.MaxValue, -float.MaxValue, float.Epsilon],
            // 40 binary orders apart: the double sum is order-dependent here, so these windows take the sequential path.
            // (Rounding the mean to float hides most double-level differences, so this test cannot prove the bound;
            // the argument in WindowAggregator does. Loosening the bound to 60 was not caught by it.)
            [1048577.1f, 1.2345679e-6f, 3.3333333e-7f, -1.7777777e-6f],
        ];

        var parts = new List<byte[]>();
        uint sequence = 0;
        for (int frame = 0; frame < 20_000; frame++)
        {
            uint sensor = (uint)random.Next(8);
            int count = 1 + random.Next(20);
            var samples = new float[count];
            // Each sensor keeps one magnitude class for a while (windows of one class), with occasional outliers.
            int mostly = (int)((sensor + (frame / 500)) % classes.Length);
            for (int i = 0; i < count; i++)
            {
                var source = random.Next(50) == 0 ? classes[random.Next(classes.Length)] : classes[mostly];
                samples[i] = source[random.Next(source.Length)] * (random.Next(2) == 0 ? 1 : 1 + (random.Next(1000) * 1e-7f));
            }

            // Sensors share one sequence counter, so each sees increasing (gapped) sequences; a window spans ~8 frames per sensor.
            parts.Add(Frames.Make(new FrameHeader(sensor, ++sequence, Frames.T0 + (frame * 15_000_000L)), samples));
        }

        byte[] input = Frames.Concat([.. parts]);
        using var naive = PipelineRuns.Naive();
        using var optimized = PipelineRuns.Optimized();
        var expected = PipelineRuns.Whole(naive, input);
        var actual = PipelineRuns.Whole(optimized, input);

        // float.MaxValue scaled up overflows to infinity: those frames are rejected, every other one is accepted.
        Assert.Equal(20_000, expected.Statistics.FramesAccepted + expected.Statistics.RejectedFor(RejectReason.NonFiniteSample));
        Assert.True(expected.Statistics.FramesAccepted > 15_000, expected.Counts);
        Assert.True(expected.Statistics.LinesEmitted > 2000, expected.Counts);
        Assert.Equal(expected.Lines, actual.Lines);
    }

    [Fact]
    public void Windows_folded_in_vector_lanes_match_the_naive_fold_past_the_lanes_sample_limit_and_bounds()
    {
        // Frames of 8 and 16 samples take the lanes (no reduction per frame) while their exponents stay within 16 of
        // the window's first sample and the window holds fewer than 8192 samples; these windows hold 16 000 samples
        // spread over 16 binary orders (a sum that rounds once the count passes the limit), and a window whose later
        // frames leave the bounds, bring a zero, a subnormal, or an odd sample count.
        var random = new Random(31);
        var parts = new List<byte[]>();
        uint sequence = 0;
        long time = Frames.T0;
        for (int frame = 0; frame < 1_000; frame++)
        {
            var samples = new float[16];
            for (int i = 0; i < samples.Length; i++)
            {
                samples[i] = (i % 2 == 0 ? 256f : 1f / 256) * (1 + (random.Next(1 << 20) * (1f / (1 << 23))));
            }

            parts.Add(Frames.Make(new FrameHeader(1, ++sequence, time), samples));
        }

        float[][] intruders = [[1e9f], [0f], [-0f], [1e-40f], [-3e-3f]];
        for (int window = 0; window < 200; window++)
        {
            time += 1_000_000_000;
            for (int frame = 0; frame < 6; frame++)
            {
                int count = frame == 3 && window % 3 == 0 ? 12 : 8 * (1 + random.Next(2));
                var samples = new float[count];
                for (int i = 0; i < count; i++)
                {
                    samples[i] = 10 + (random.NextSingle() * 40);
                }

                if (frame == 2 + (window % 4))
                {
                    var intruder = intruders[window % intruders.Length];
                    samples[random.Next(count)] = intruder[0];
                }

                parts.Add(Frames.Make(new FrameHeader(2, ++sequence, time), samples));
            }
        }

        byte[] input = Frames.Concat([.. parts]);
        using var naive = PipelineRuns.Naive();
        using var optimized = PipelineRuns.Optimized();
        var expected = PipelineRuns.Whole(naive, input);
        var actual = PipelineRuns.Whole(optimized, input);

        Assert.Equal(2_200, expected.Statistics.FramesAccepted);
        Assert.Equal(expected.Lines, actual.Lines);
    }

    [Theory]
    [InlineData(256f, 65536f, 1f, 1_500)] // 16 binary orders, within the lanes' bounds: past 8192 samples the sum rounds
    [InlineData(256f, 8388608f, 0.0078125f, 120)] // 30 binary orders, outside the bounds: the sum rounds within 2000 samples
    public void A_windows_double_sum_equals_the_sequential_sum_bit_for_bit(float first, float large, float small, int frames)
    {
        var random = new Random(37);
        var parts = new List<byte[]>();
        var arrival = new List<float>();
        for (int frame = 0; frame < frames; frame++)
        {
            var samples = new float[16];
            for (int i = 0; i < samples.Length; i++)
            {
                samples[i] = frame == 0 && i == 0 ? first : (i % 2 == 0 ? large : small) * (1 + (random.Next(1 << 23) * (1f / (1 << 23))));
            }

            arrival.AddRange(samples);
            parts.Add(Frames.Make(new FrameHeader(1, (uint)frame + 1, Frames.T0 + frame), samples));
        }

        byte[] input = Frames.Concat([.. parts]);
        var decoded = new Optimized.FrameRef[frames];
        Assert.Equal(frames, Optimized.FrameDecoder.Decode(input, isFinal: true, decoded, new TelemetryStatistics(), out _));
        var aggregator = new Optimized.WindowAggregator(4);
        Assert.Equal(0, aggregator.Aggregate(input, decoded, new WindowAggregate[frames]));

        double sequential = 0;
        foreach (float sample in arrival)
        {
            sequential += sample;
        }

        double anyOrder = arrival.Select(sample => (double)sample).OrderBy(sample => sample).Sum();
        Assert.NotEqual(sequential, anyOrder); // the order matters for these samples, so the test can tell
        Assert.Equal(sequential, aggregator.OpenSum(1));
    }
}
