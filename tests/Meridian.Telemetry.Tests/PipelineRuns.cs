using System.Buffers;
using System.Text;
using Meridian.Telemetry.Naive;
using Meridian.Telemetry.Optimized;

namespace Meridian.Telemetry.Tests;

/// <summary>What a pipeline produced from one input: the lines and the accounting.</summary>
internal sealed record PipelineOutcome(string Lines, TelemetryStatistics Statistics)
{
    public string Counts => Statistics.ToString();
}

/// <summary>Ways of feeding an input to a pipeline: whole, in random chunks, or as a stream through System.IO.Pipelines.</summary>
internal static class PipelineRuns
{
    public static ITelemetryPipeline Naive() => new NaivePipeline();

    public static ITelemetryPipeline Optimized(int batchCapacity = 1024) =>
        new OptimizedPipeline(new TelemetryPipelineOptions { BatchCapacity = batchCapacity });

    public static PipelineOutcome Whole(ITelemetryPipeline pipeline, byte[] input)
    {
        var output = new ArrayBufferWriter<byte>();
        int consumed = pipeline.ProcessChunk(input, isFinal: true, output);
        Assert.Equal(input.Length, consumed);
        pipeline.Complete(output);
        return Finish(pipeline, output, input.Length);
    }

    /// <summary>
    /// Feeds <paramref name="input"/> in chunks of 1 to <paramref name="maxChunk"/> new bytes, prepending what the
    /// pipeline left unconsumed, and checks after every call that each consumed byte is accounted for.
    /// </summary>
    public static PipelineOutcome Chunked(ITelemetryPipeline pipeline, byte[] input, int seed, int maxChunk)
    {
        var random = new Random(seed);
        var output = new ArrayBufferWriter<byte>();
        var statistics = pipeline.Statistics;
        int start = 0;
        int end = 0;
        while (start < input.Length || end < input.Length)
        {
            end = Math.Min(input.Length, end + 1 + random.Next(maxChunk));
            bool isFinal = end == input.Length;
            start += pipeline.ProcessChunk(input.AsSpan(start, end - start), isFinal, output);
            long accounted = statistics.AcceptedBytes + statistics.RejectedBytes + statistics.SkippedBytes;
            if (accounted != start || !statistics.FramesBalance)
            {
                Assert.Fail($"After consuming {start} of {input.Length} bytes, {accounted} were accounted for: {statistics}");
            }

            if (isFinal)
            {
                Assert.Equal(input.Length, start);
                break;
            }
        }

        pipeline.Complete(output);
        return Finish(pipeline, output, input.Length);
    }

    public static async Task<PipelineOutcome> Streamed(ITelemetryPipeline pipeline, byte[] input, int seed, int maxRead)
    {
        var output = new ArrayBufferWriter<byte>();
        // Between 1 and maxRead bytes per read, seeded, as a network delivers; no fault.
        using var stream = new FaultingStream(input, faultAt: int.MaxValue, maxRead, seed: seed);
        await pipeline.RunAsync(stream, output);
        Assert.Equal(input.Length, pipeline.Statistics.BytesRead);
        return new PipelineOutcome(Encoding.UTF8.GetString(output.WrittenSpan), pipeline.Statistics);
    }

    private static PipelineOutcome Finish(ITelemetryPipeline pipeline, ArrayBufferWriter<byte> output, int inputLength)
    {
        pipeline.Statistics.BytesRead = inputLength;
        return new PipelineOutcome(Encoding.UTF8.GetString(output.WrittenSpan), pipeline.Statistics);
    }
}
