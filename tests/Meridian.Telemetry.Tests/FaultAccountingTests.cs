using System.Buffers;
using System.Text;

namespace Meridian.Telemetry.Tests;

/// <summary>
/// A run interrupted by an input fault or a cancellation is finished as if its input had ended there: the accounting
/// balances after it, its open windows are written, and later runs on the same instance are unaffected.
/// </summary>
public class FaultAccountingTests
{
    public static TheoryData<string, bool> Cases() => new()
    {
        { "naive", false },
        { "naive", true },
        { "optimized", false },
        { "optimized", true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task An_interrupted_run_balances_and_writes_what_the_bytes_it_read_hold(string implementation, bool cancellation)
    {
        byte[] capture = new FrameGenerator(EquivalenceTests.Options("typical", seed: 21)).GenerateCapture(3_000);
        using var pipeline = Create(implementation);
        foreach (int faultAt in new[] { 35, 1000, capture.Length / 2 + 17, capture.Length - 3 })
        {
            var output = new ArrayBufferWriter<byte>();
            using var cancel = new CancellationTokenSource();
            var stream = new FaultingStream(capture, faultAt, maxRead: 700, cancellation ? cancel : null);
            var before = Snapshot(pipeline.Statistics);
            pipeline.ResetSensors();

            var thrown = await Record.ExceptionAsync(() => pipeline.RunAsync(stream, output, cancel.Token).AsTask());

            Assert.IsAssignableFrom(cancellation ? typeof(OperationCanceledException) : typeof(IOException), thrown);
            var statistics = pipeline.Statistics;
            Assert.True(statistics.BytesBalance, $"after a fault at {faultAt}: {statistics}");
            Assert.True(statistics.FramesBalance, statistics.ToString());
            Assert.Equal(faultAt, statistics.BytesRead - before.BytesRead);
            Assert.Equal(before.InterruptedRuns + 1, statistics.InterruptedRuns);

            // The same as a fresh pipeline given exactly the bytes read before the fault as its whole input.
            using var reference = Create(implementation);
            var expected = PipelineRuns.Whole(reference, capture[..faultAt]);
            Assert.Equal(expected.Lines, Encoding.UTF8.GetString(output.WrittenSpan));
            Assert.Equal(expected.Statistics.FramesAccepted, statistics.FramesAccepted - before.FramesAccepted);
            Assert.Equal(expected.Statistics.FramesRejected, statistics.FramesRejected - before.FramesRejected);
            Assert.Equal(expected.Statistics.LinesEmitted, statistics.LinesEmitted - before.LinesEmitted);
        }

        // A clean run on the same instance afterwards: balanced, and the same lines as a fresh pipeline writes.
        var clean = new ArrayBufferWriter<byte>();
        pipeline.ResetSensors();
        await pipeline.RunAsync(new MemoryStream(capture), clean);
        Assert.True(pipeline.Statistics.BytesBalance, pipeline.Statistics.ToString());
        using var fresh = Create(implementation);
        Assert.Equal(PipelineRuns.Whole(fresh, capture).Lines, Encoding.UTF8.GetString(clean.WrittenSpan));
    }

    [Theory]
    [InlineData("naive")]
    [InlineData("optimized")]
    public async Task No_window_stays_open_after_an_interrupted_run(string implementation)
    {
        // Sensor 5 has an open window when the stream fails after two whole frames and half of a third.
        byte[] first = Frames.Make(5, 1, Frames.T0);
        byte[] second = Frames.Make(5, 2, Frames.T0 + 10);
        byte[] third = Frames.Make(5, 3, Frames.T0 + 20);
        byte[] input = Frames.Concat(first, second, third);
        using var pipeline = Create(implementation);
        var output = new ArrayBufferWriter<byte>();

        await Assert.ThrowsAsync<IOException>(() => pipeline.RunAsync(new FaultingStream(input, first.Length + second.Length + 40, maxRead: 64), output).AsTask());

        Assert.Equal("telemetry,sensor=5 count=32i,min=1,max=4.75,mean=2.875 1700000000000000000\n", Encoding.UTF8.GetString(output.WrittenSpan));
        Assert.Equal(1, pipeline.Statistics.RejectedFor(RejectReason.Truncated));
        Assert.True(pipeline.Statistics.BytesBalance, pipeline.Statistics.ToString());

        // Nothing of the interrupted run leaks into the next one: it writes only its own window.
        var next = new ArrayBufferWriter<byte>();
        await pipeline.RunAsync(new MemoryStream(Frames.Make(5, 4, Frames.T0 + 30, count: 1, sample: 8f)), next);
        Assert.Equal("telemetry,sensor=5 count=1i,min=8,max=8,mean=8 1700000000000000000\n", Encoding.UTF8.GetString(next.WrittenSpan));
    }

    [Theory]
    [InlineData("naive")]
    [InlineData("optimized")]
    public async Task A_cancelled_pending_read_finishes_the_run_without_throwing(string implementation)
    {
        byte[] frame = Frames.Make(7, 1, Frames.T0);
        using var pipeline = Create(implementation);
        var output = new ArrayBufferWriter<byte>();
        var pipe = new System.IO.Pipelines.Pipe();
        await pipe.Writer.WriteAsync(frame.AsMemory(0, frame.Length + 0));
        await pipe.Writer.WriteAsync(frame.AsMemory(0, 30));
        var run = pipeline.RunAsync(pipe.Reader.AsStream(), output).AsTask();
        await Task.Delay(50);
        pipe.Reader.CancelPendingRead();
        await run.WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(_ => { }, TaskScheduler.Default);

        // Whether the stream adapter reports the cancelled read as an exception or as the end, the run is finished.
        Assert.True(pipeline.Statistics.BytesBalance, pipeline.Statistics.ToString());
        Assert.Equal(1, pipeline.Statistics.FramesAccepted);
        Assert.Equal(1, pipeline.Statistics.LinesEmitted);
    }

    private static ITelemetryPipeline Create(string implementation) =>
        implementation == "naive" ? PipelineRuns.Naive() : PipelineRuns.Optimized(batchCapacity: 64);

    private static (long BytesRead, long FramesAccepted, long FramesRejected, long LinesEmitted, long InterruptedRuns) Snapshot(TelemetryStatistics s) =>
        (s.BytesRead, s.FramesAccepted, s.FramesRejected, s.LinesEmitted, s.InterruptedRuns);
}
