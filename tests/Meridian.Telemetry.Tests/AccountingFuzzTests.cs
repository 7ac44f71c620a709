namespace Meridian.Telemetry.Tests;

/// <summary>
/// Bad input never throws and never escapes the accounting: over a million fuzzed frames (the generator's faults plus
/// random byte mutations and pure noise), accepted + rejected = offered and every byte is accepted, rejected or skipped.
/// </summary>
public class AccountingFuzzTests
{
    private const int FuzzedFrames = 1_000_000;
    private const int Segments = 8;

    [Fact]
    public void Accounting_holds_over_a_million_fuzzed_frames()
    {
        long offered = 0;
        long generated = 0;
        for (int segment = 0; segment < Segments; segment++)
        {
            var generator = new FrameGenerator(EquivalenceTests.Options("heavy", seed: 100 + segment) with { SensorCount = 300 + segment });
            byte[] capture = generator.GenerateCapture(FuzzedFrames / Segments);
            Mutate(capture, new Random(segment), mutations: capture.Length / 500);
            generated += generator.Statistics.Frames;

            using var pipeline = PipelineRuns.Optimized(batchCapacity: 1 + (segment * 97));
            var outcome = PipelineRuns.Chunked(pipeline, capture, seed: segment, maxChunk: 1 << (8 + segment));
            var statistics = outcome.Statistics;
            Assert.True(statistics.FramesBalance, statistics.ToString());
            Assert.True(statistics.BytesBalance, statistics.ToString());
            Assert.True(statistics.FramesAccepted > generator.Statistics.Frames * 0.6, statistics.ToString());
            Assert.True(statistics.FramesRejected > 0, statistics.ToString());
            offered += statistics.FramesOffered;
        }

        Assert.Equal(FuzzedFrames, generated);
        Assert.True(offered >= FuzzedFrames * 0.9, $"{offered} candidates offered");
    }

    [Fact]
    public void Naive_and_optimized_agree_on_fuzzed_input()
    {
        byte[] capture = new FrameGenerator(EquivalenceTests.Options("heavy", seed: 5)).GenerateCapture(100_000);
        Mutate(capture, new Random(5), mutations: capture.Length / 300);

        using var naive = PipelineRuns.Naive();
        using var optimized = PipelineRuns.Optimized(batchCapacity: 64);
        var expected = PipelineRuns.Chunked(naive, capture, seed: 6, maxChunk: 1 << 16);
        var actual = PipelineRuns.Chunked(optimized, capture, seed: 7, maxChunk: 1 << 12);

        Assert.Equal(expected.Counts, actual.Counts);
        Assert.Equal(expected.Lines, actual.Lines);
    }

    [Fact]
    public void Pure_noise_is_skipped_or_rejected_and_never_throws()
    {
        var random = new Random(9);
        byte[] noise = new byte[4 << 20];
        random.NextBytes(noise);
        // Sprinkle magics so that many candidates are offered, some with plausible counts.
        for (int i = 0; i < noise.Length - 1; i += 1 + random.Next(200))
        {
            noise[i] = FrameFormat.MagicFirstByte;
            noise[i + 1] = FrameFormat.MagicSecondByte;
        }

        using var naive = PipelineRuns.Naive();
        using var optimized = PipelineRuns.Optimized();
        var expected = PipelineRuns.Whole(naive, noise);
        var actual = PipelineRuns.Chunked(optimized, noise, seed: 9, maxChunk: 3000);

        Assert.Equal(expected.Counts, actual.Counts);
        Assert.Equal(0, actual.Statistics.FramesAccepted);
        Assert.True(actual.Statistics.FramesRejected > 30_000, actual.Counts);
        Assert.True(actual.Statistics.BytesBalance, actual.Counts);
    }

    [Fact]
    public void Clean_faults_match_the_generators_ground_truth()
    {
        var faults = new FaultOptions { Duplicate = 0.03, Reorder = 0.03, Garbage = 0.05 };
        var generator = new FrameGenerator(new GeneratorOptions { Seed = 3, SensorCount = 50, Faults = faults });
        byte[] capture = generator.GenerateCapture(50_000);
        var truth = generator.Statistics;

        using var pipeline = PipelineRuns.Optimized();
        var statistics = PipelineRuns.Whole(pipeline, capture).Statistics;

        Assert.True(truth.Duplicates > 1000 && truth.Reorders > 1000 && truth.GarbageRuns > 2000, "the scenario exercises every fault");
        Assert.Equal(truth.Frames - truth.Reorders, statistics.FramesAccepted);
        Assert.Equal(truth.Duplicates, statistics.RejectedFor(RejectReason.DuplicateSequence));
        Assert.Equal(truth.Reorders, statistics.RejectedFor(RejectReason.OutOfOrderSequence));
        Assert.Equal(truth.Bytes, capture.Length);
        Assert.True(statistics.SkippedBytes <= truth.GarbageBytes);
        Assert.True(statistics.BytesBalance, statistics.ToString());
    }

    private static void Mutate(byte[] data, Random random, int mutations)
    {
        for (int i = 0; i < mutations; i++)
        {
            int at = random.Next(data.Length);
            data[at] = random.Next(4) switch
            {
                0 => FrameFormat.MagicFirstByte,
                1 => FrameFormat.MagicSecondByte,
                _ => (byte)random.Next(256),
            };
        }
    }
}
