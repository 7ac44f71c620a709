using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using Meridian.Telemetry.Naive;
using Meridian.Telemetry.Optimized;
using Meridian.Telemetry.Testing;

namespace Meridian.Telemetry.Benchmarks;

/// <summary>
/// The accounting soak: fuzzed captures (the generator's heavy faults plus random byte mutations) read through both
/// pipelines in runs that end cleanly, in an <see cref="IOException"/> or in a cancellation at a random byte, with
/// random read sizes, on one long-lived instance of each pipeline. After every run both pipelines must balance their
/// frames and bytes, have counted exactly the bytes delivered, count the interruption, and have written the same lines
/// with the same accounting.
/// </summary>
/// <remarks>Run: <c>dotnet run -c Release --project samples/Meridian.Telemetry.Benchmarks -- soak [frames] [seed]</c>.</remarks>
internal static class FaultSoak
{
    public static int Run(long frames, int seed)
    {
        var random = new Random(seed);
        var clock = Stopwatch.StartNew();
        using var naive = new NaivePipeline(new TelemetryPipelineOptions { PublishMetrics = false });
        using var optimized = new OptimizedPipeline(new TelemetryPipelineOptions { PublishMetrics = false, BatchCapacity = 1 + random.Next(1024) });
        long generated = 0;
        int runs = 0;
        int ioFaults = 0;
        int cancellations = 0;
        int wrong = 0;
        while (generated < frames)
        {
            int count = (int)Math.Min(frames - generated, 500 + random.Next(10_000));
            var options = GeneratorOptions.Default with { Seed = random.Next(), SensorCount = 1 + random.Next(500), Faults = FaultOptions.Heavy };
            byte[] capture = new FrameGenerator(options).GenerateCapture(count);
            for (int i = capture.Length / 400; i > 0; i--)
            {
                capture[random.Next(capture.Length)] = (byte)random.Next(256);
            }

            generated += count;
            int mode = random.Next(3);
            int faultAt = mode == 0 ? int.MaxValue : random.Next(capture.Length + 1);
            int maxRead = 1 + random.Next(random.Next(2) == 0 ? 64 : 70_000);
            var (naiveLines, naiveError) = RunOnce(naive, capture, faultAt, maxRead, mode, seed + runs);
            var (optimizedLines, optimizedError) = RunOnce(optimized, capture, faultAt, maxRead, mode, seed + runs);
            runs++;
            ioFaults += mode == 1 ? 1 : 0;
            cancellations += mode == 2 ? 1 : 0;

            string? problem = Check(naive, naiveError, mode, runs) ?? Check(optimized, optimizedError, mode, runs)
                ?? (naiveLines.AsSpan().SequenceEqual(optimizedLines) ? null : "the pipelines wrote different lines")
                ?? (naive.Statistics.ToString() == optimized.Statistics.ToString() ? null : $"the accounting differs: naive {naive.Statistics}; optimized {optimized.Statistics}");
            if (problem is not null)
            {
                wrong++;
                Console.WriteLine($"run {runs} (mode {mode}, fault at {(mode == 0 ? "none" : faultAt)} of {capture.Length} B, reads ≤ {maxRead} B): {problem}");
            }

            if (runs % 100 == 0)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{runs} runs, {generated} frames, {clock.Elapsed.TotalSeconds:0.0} s, {wrong} wrong"));
            }
        }

        var s = optimized.Statistics;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Soak done: {generated} fuzzed frames in {runs} runs ({ioFaults} ended by an IOException, {cancellations} by a cancellation, {runs - ioFaults - cancellations} clean) on one instance of each pipeline, {clock.Elapsed.TotalSeconds:0.0} s. Wrong outcomes: {wrong}. Optimized totals: {s.BytesRead} B read, {s.FramesOffered} candidates, {s.FramesAccepted} accepted, {s.FramesRejected} rejected, {s.InterruptedRuns} interrupted runs; frames balance {s.FramesBalance}, bytes balance {s.BytesBalance}."));
        return wrong == 0 ? 0 : 1;
    }

    private static (byte[] Lines, Exception? Error) RunOnce(ITelemetryPipeline pipeline, byte[] capture, int faultAt, int maxRead, int mode, int seed)
    {
        var output = new ArrayBufferWriter<byte>();
        using var cancel = new CancellationTokenSource();
        var stream = new FaultingStream(capture, faultAt, maxRead, mode == 2 ? cancel : null, seed);
        pipeline.ResetSensors();
        Exception? error = null;
        try
        {
            pipeline.RunAsync(stream, output, cancel.Token).AsTask().GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is IOException or OperationCanceledException)
        {
            error = e;
        }

        return (output.WrittenSpan.ToArray(), error);
    }

    // What must hold after every run, per pipeline: balanced, every delivered byte counted, the interruption counted.
    private static string? Check(ITelemetryPipeline pipeline, Exception? error, int mode, int runs)
    {
        var s = pipeline.Statistics;
        if (!s.FramesBalance || !s.BytesBalance)
        {
            return $"{pipeline.Name} does not balance: {s}";
        }

        bool expected = mode switch { 1 => error is IOException, 2 => error is OperationCanceledException, _ => error is null };
        if (!expected)
        {
            return $"{pipeline.Name} ended with {error?.GetType().Name ?? "no exception"} in mode {mode}";
        }

        return s.BytesRead != s.AcceptedBytes + s.RejectedBytes + s.SkippedBytes || s.InterruptedRuns > runs
            ? $"{pipeline.Name} counted {s.InterruptedRuns} interruptions after {runs} runs"
            : null;
    }
}
