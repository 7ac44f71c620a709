using System.Buffers;
using Meridian.Telemetry;
using Meridian.Telemetry.Naive;
using Meridian.Telemetry.Optimized;

namespace Meridian.Docs.Snippets;

/// <summary>The snippets of docs/telemetry-audit.md, run as tests.</summary>
public sealed class TelemetrySnippets
{
    [Fact]
    public async Task Run_both_pipelines()
    {
        #region telemetry-run
        var generator = new FrameGenerator(new GeneratorOptions { Faults = FaultOptions.Typical });
        byte[] capture = generator.GenerateCapture(frameCount: 10_000);   // seeded: the same bytes every run

        var naiveLines = new ArrayBufferWriter<byte>();
        var optimizedLines = new ArrayBufferWriter<byte>();
        using var naive = new NaivePipeline();
        using var optimized = new OptimizedPipeline();
        await naive.RunAsync(new MemoryStream(capture), naiveLines);
        await optimized.RunAsync(new MemoryStream(capture), optimizedLines);

        TelemetryStatistics stats = optimized.Statistics;
        Console.WriteLine(stats);                              // offered, accepted, rejected by reason, per-stage costs
        Console.WriteLine(stats.FramesBalance && stats.BytesBalance);   // True: every frame and byte accounted for
        Console.WriteLine(naiveLines.WrittenSpan.SequenceEqual(optimizedLines.WrittenSpan)); // True: same output
        #endregion

        Assert.True(stats.FramesBalance);
        Assert.True(stats.BytesBalance);
        Assert.True(stats.FramesRejected > 0);
        Assert.True(naiveLines.WrittenSpan.SequenceEqual(optimizedLines.WrittenSpan));
    }
}
