namespace Meridian.Telemetry.Tests;

public class GeneratorTests
{
    [Fact]
    public void The_same_seed_gives_the_same_bytes_and_another_seed_does_not()
    {
        var options = new GeneratorOptions { Seed = 5, Faults = FaultOptions.Heavy };
        byte[] first = new FrameGenerator(options).GenerateCapture(5_000);
        byte[] second = new FrameGenerator(options).GenerateCapture(5_000);
        byte[] other = new FrameGenerator(options with { Seed = 6 }).GenerateCapture(5_000);

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void Stream_and_array_captures_are_identical()
    {
        var options = new GeneratorOptions { Faults = FaultOptions.Typical };
        byte[] array = new FrameGenerator(options).GenerateCapture(30_000);
        using var stream = new MemoryStream();
        new FrameGenerator(options).WriteCapture(stream, 30_000);

        Assert.Equal(array, stream.ToArray());
    }

    [Fact]
    public void A_clean_capture_is_round_robin_frames_of_the_configured_shape()
    {
        var generator = new FrameGenerator(new GeneratorOptions { SensorCount = 3, SamplesPerFrame = 5, FramesPerSensorPerSecond = 2, FirstSensorId = 10 });
        byte[] capture = generator.GenerateCapture(6);

        int size = FrameFormat.FrameSize(5);
        Assert.Equal(6 * size, capture.Length);
        var headers = Enumerable.Range(0, 6).Select(i => FrameFormat.ReadHeader(capture.AsSpan(i * size))).ToArray();
        Assert.Equal(new uint[] { 10, 11, 12, 10, 11, 12 }, headers.Select(h => h.SensorId));
        Assert.Equal(new uint[] { 0, 0, 0, 1, 1, 1 }, headers.Select(h => h.Sequence));
        Assert.Equal(Frames.T0 + 500_000_000, headers[3].TimestampNs);
        Assert.True(headers[1].TimestampNs > headers[0].TimestampNs);
        Assert.Equal(6, generator.Statistics.CleanFrames);
    }

    [Fact]
    public void Each_fault_kind_is_injected_at_about_its_rate()
    {
        var generator = new FrameGenerator(new GeneratorOptions { Faults = FaultOptions.Heavy });
        generator.GenerateCapture(100_000);
        var s = generator.Statistics;

        // 5 % of 100 000 is 5 000; the binomial standard deviation is about 69, so ±600 is over 8 sigma.
        foreach (long count in new[] { s.BitFlips, s.Truncations, s.OversizedCounts, s.GarbageRuns })
        {
            Assert.InRange(count, 4_400, 5_600);
        }

        // A reorder applies to uncorrupted frames (85 %) whose sensor has no frame held back already; a duplicate to frames not held back.
        Assert.InRange(s.Reorders, 3_300, 4_700);
        Assert.InRange(s.Duplicates, 4_200, 5_400);
    }

    [Fact]
    public void Invalid_options_are_refused_when_set()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new GeneratorOptions { SamplesPerFrame = 65 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new GeneratorOptions { SensorCount = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new FaultOptions { BitFlip = 1.5 });
    }
}
