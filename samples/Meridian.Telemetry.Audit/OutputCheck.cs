using System.Buffers;
using Meridian.Telemetry.Naive;
using Meridian.Telemetry.Optimized;

namespace Meridian.Telemetry.Audit;

/// <summary>
/// Whether the naive and the optimized pipeline write byte-identical output and identical accounting for the same
/// input: the streamed capture, and a capture of the same scenario with typical faults (bit flips, truncations, garbage,
/// duplicates, reorders), each read from a stream.
/// </summary>
/// <param name="CleanBytes">Bytes of output of the clean capture.</param>
/// <param name="CleanIdentical">Whether the clean capture's outputs and accounting are identical.</param>
/// <param name="FaultedBytes">Bytes of output of the capture with faults.</param>
/// <param name="FaultedRejected">Frame candidates rejected in the capture with faults.</param>
/// <param name="FaultedIdentical">Whether that capture's outputs and accounting are identical.</param>
internal sealed record OutputCheck(int CleanBytes, bool CleanIdentical, int FaultedBytes, long FaultedRejected, bool FaultedIdentical)
{
    public bool Identical => CleanIdentical && FaultedIdentical;

    public static OutputCheck Run(AuditContext context)
    {
        var settings = context.Settings;
        int frameSize = FrameFormat.FrameSize(settings.Scenario.SamplesPerFrame);
        byte[] clean = context.Workload.Capture.AsSpan(0, context.OptimizedStream.Frames * frameSize).ToArray();
        byte[] faulted = new FrameGenerator(settings.Scenario with { Faults = FaultOptions.Typical }).GenerateCapture(context.OptimizedStream.Frames);
        var (cleanBytes, cleanSame, _) = Compare(clean, settings.Scenario.SensorCount);
        var (faultedBytes, faultedSame, rejected) = Compare(faulted, settings.Scenario.SensorCount);
        return new OutputCheck(cleanBytes, cleanSame, faultedBytes, rejected, faultedSame);
    }

    private static (int Bytes, bool Identical, long Rejected) Compare(byte[] capture, int sensors)
    {
        var naiveOutput = new ArrayBufferWriter<byte>();
        var optimizedOutput = new ArrayBufferWriter<byte>();
        using var naive = new NaivePipeline(new TelemetryPipelineOptions { PublishMetrics = false });
        using var optimized = new OptimizedPipeline(new TelemetryPipelineOptions { PublishMetrics = false }, sensors);
        naive.RunAsync(new MemoryStream(capture), naiveOutput).AsTask().GetAwaiter().GetResult();
        optimized.RunAsync(new MemoryStream(capture), optimizedOutput).AsTask().GetAwaiter().GetResult();
        bool identical = naiveOutput.WrittenSpan.SequenceEqual(optimizedOutput.WrittenSpan)
            && naive.Statistics.ToString() == optimized.Statistics.ToString()
            && optimized.Statistics.BytesBalance;
        return (optimizedOutput.WrittenCount, identical, optimized.Statistics.FramesRejected);
    }
}
