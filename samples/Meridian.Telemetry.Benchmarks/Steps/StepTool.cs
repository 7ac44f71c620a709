using System.Diagnostics;
using System.Globalization;
using System.Runtime.Intrinsics;
using Meridian.Perf;
using Meridian.Perf.Profiling;
using Meridian.Telemetry.Naive;
using Meridian.Telemetry.Audit;
using Meridian.Telemetry.Optimized;

namespace Meridian.Telemetry.Benchmarks.Steps;

/// <summary>
/// The tools each improvement step of the optimized pipeline was found and verified with:
/// <c>profile [target] [ms]</c> (CpuProfiler around a target, top frames) and <c>compare [step]</c>
/// (Bench.Compare of the step's "before" code, kept in this project only, against the library's current code).
/// </summary>
internal static class StepTool
{
    public static int Profile(string target, int milliseconds, bool byLine = false)
    {
        var options = GeneratorOptions.Default;
        var workload = new StageWorkload(options, 65_536, 1024);
        var run = new StreamTarget(new OptimizedPipeline(TelemetryPipelineOptions.Default), workload.Capture, 8192, FrameFormat.FrameSize(options.SamplesPerFrame));
        Func<int> body = target switch
        {
            "stream" => run.Run,
            "decode" => () => workload.Run(true, PipelineStage.Decode),
            "validate" => () => workload.Run(true, PipelineStage.Validate),
            "aggregate" => () => workload.Run(true, PipelineStage.Aggregate),
            "emit" => () => workload.Run(true, PipelineStage.Emit),
            "chunks" => () => workload.Pipeline(true),
            _ => throw new ArgumentException($"Unknown target {target}."),
        };

        var warm = Stopwatch.StartNew();
        while (warm.ElapsedMilliseconds < 3000)
        {
            BlackBox.Consume(body());
        }

        var profile = CpuProfiler.Profile(
            () =>
            {
                var time = Stopwatch.StartNew();
                while (time.ElapsedMilliseconds < milliseconds)
                {
                    BlackBox.Consume(body());
                }
            },
            new ProfilerOptions { SourceLines = byLine, SamplingInterval = TimeSpan.FromMicroseconds(250) });
        Console.WriteLine(profile);
        if (byLine)
        {
            // The leaf's source line of every sample: where inside a stage the time goes.
            var lines = profile.Stacks
                .GroupBy(stack => stack.Lines is { Count: > 0 } found && found[^1] is { } line ? $"{Path.GetFileName(line.File)}:{line.Line}" : stack.Leaf)
                .Select(group => (Line: group.Key, Weight: group.Sum(stack => stack.Weight)))
                .OrderByDescending(entry => entry.Weight)
                .Take(40);
            foreach (var (line, weight) in lines)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{weight / profile.TotalWeight,7:P1}  {line}"));
            }

            return 0;
        }

        foreach (var frame in profile.TopBySelf(25))
        {
            Console.WriteLine(frame);
        }

        return 0;
    }

    /// <summary>
    /// <c>Bench.Compare</c> of the optimized streamed pipeline, one build, under two values of one setting:
    /// <c>sensors</c> (the per-sensor table's expected sensors; the capture has 256), <c>buffer</c> (the read buffer's
    /// size in bytes) or <c>batch</c> (the batch capacity in frames).
    /// </summary>
    public static int Vary(string setting, int baselineValue, int candidateValue)
    {
        var options = GeneratorOptions.Default;
        var workload = new StageWorkload(options, 65_536, 1024);
        int frameSize = FrameFormat.FrameSize(options.SamplesPerFrame);
        StreamTarget Target(int value) => setting switch
        {
            "sensors" => new StreamTarget(new OptimizedPipeline(TelemetryPipelineOptions.Default, value), workload.Capture, 8192, frameSize),
            "buffer" => new StreamTarget(new OptimizedPipeline(TelemetryPipelineOptions.Default with { ReadBufferSize = value }), workload.Capture, 8192, frameSize),
            "batch" => new StreamTarget(new OptimizedPipeline(TelemetryPipelineOptions.Default with { BatchCapacity = value }), workload.Capture, 8192, frameSize),
            _ => throw new ArgumentException($"Unknown setting {setting}: sensors, buffer or batch."),
        };

        using var baseline = Target(baselineValue);
        using var candidate = Target(candidateValue);
        Console.WriteLine($"load average {File.ReadAllText("/proc/loadavg").Trim()}");
        var comparison = Bench.Compare(() => BlackBox.Consume(baseline.Run()), () => BlackBox.Consume(candidate.Run()), new Meridian.Perf.CompareOptions { Blocks = 40, MaxWarmupTime = TimeSpan.FromSeconds(6) });
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{setting} {baselineValue}: {comparison.Baseline.Median / baseline.Frames:0.00} ns/frame, {setting} {candidateValue}: {comparison.Candidate.Median / candidate.Frames:0.00} ns/frame (medians); change {comparison.Change:+0.0 %;-0.0 %} [{comparison.ChangeInterval.Lower:+0.0 %;-0.0 %}, {comparison.ChangeInterval.Upper:+0.0 %;-0.0 %}], p = {comparison.PValue:0.0e0}, {comparison.Verdict}"));
        Console.WriteLine($"load average {File.ReadAllText("/proc/loadavg").Trim()}");
        return 0;
    }

    /// <summary>Bench.Run of the optimized streamed pipeline under several batch capacities, probes on and off.</summary>
    public static int Sweep()
    {
        var options = GeneratorOptions.Default;
        var workload = new StageWorkload(options, 65_536, 1024);
        int frameSize = FrameFormat.FrameSize(options.SamplesPerFrame);
        foreach (bool measure in new[] { true, false })
        {
            foreach (int capacity in new[] { 16, 32, 64, 128, 256, 1024 })
            {
                var run = new StreamTarget(new OptimizedPipeline(TelemetryPipelineOptions.Default with { BatchCapacity = capacity, MeasureStages = measure }), workload.Capture, 8192, frameSize);
                var result = Bench.Run(() => BlackBox.Consume(run.Run()));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"probes {measure,5} batch {capacity,5}: {result.Summary.Median / run.Frames:0.00} ns/frame (median), cpu share {result.CpuShare:0.00}"));
            }
        }

        return 0;
    }

    /// <summary>
    /// <c>Bench.Compare</c> of two builds of Meridian.Telemetry (before a step as the baseline, after it as the
    /// candidate), interleaved in this process, on one target: <c>stream</c> (a streamed run of 8192 frames, the audit's
    /// main figure), <c>chunks</c> or one optimized stage. Checks first that both builds write the same bytes.
    /// </summary>
    public static int Compare(string beforeDirectory, string afterDirectory, string target, int blocks)
    {
        var before = new BuildUnderTest(beforeDirectory, "before");
        var after = new BuildUnderTest(afterDirectory, "after");
        Func<int> baseline;
        Func<int> candidate;
        int frames;
        if (target == "stream")
        {
            frames = 8192;
            baseline = before.StreamRun(frames, out byte[] beforeOutput);
            candidate = after.StreamRun(frames, out byte[] afterOutput);
            bool same = beforeOutput.AsSpan().SequenceEqual(afterOutput);
            Console.WriteLine($"Output of a streamed run: {beforeOutput.Length} B before, {afterOutput.Length} B after, identical: {same}.");
            if (!same)
            {
                return 1;
            }
        }
        else
        {
            frames = 1024;
            baseline = before.Stage(target);
            candidate = after.Stage(target);
        }

        Console.WriteLine($"load average {File.ReadAllText("/proc/loadavg").Trim()}");
        var comparison = Bench.Compare(() => BlackBox.Consume(baseline()), () => BlackBox.Consume(candidate()), new Meridian.Perf.CompareOptions { Blocks = blocks, MaxWarmupTime = TimeSpan.FromSeconds(6) });
        Console.WriteLine(comparison);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{target}: before {comparison.Baseline.Median / frames:0.00} ns/frame, after {comparison.Candidate.Median / frames:0.00} ns/frame (medians); change {comparison.Change:+0.0 %;-0.0 %} [{comparison.ChangeInterval.Lower:+0.0 %;-0.0 %}, {comparison.ChangeInterval.Upper:+0.0 %;-0.0 %}], p = {comparison.PValue:0.0e0}, {comparison.Verdict}; B/op {comparison.BaselineAllocatedBytesPerOperation:0} -> {comparison.CandidateAllocatedBytesPerOperation:0}"));
        Console.WriteLine($"load average {File.ReadAllText("/proc/loadavg").Trim()}");
        return 0;
    }

    /// <summary>Runs the optimized streamed pipeline for a few seconds and prints its own per-stage time per frame (TelemetryStatistics.ForStage).</summary>
    public static int StageTimes(int seconds)
    {
        var options = GeneratorOptions.Default;
        var workload = new StageWorkload(options, 65_536, 1024);
        using var pipeline = new OptimizedPipeline(TelemetryPipelineOptions.Default, options.SensorCount);
        var run = new StreamTarget(pipeline, workload.Capture, 8192, FrameFormat.FrameSize(options.SamplesPerFrame));
        var warm = Stopwatch.StartNew();
        while (warm.Elapsed.TotalSeconds < 2)
        {
            run.Run();
        }

        var before = Enum.GetValues<PipelineStage>().Select(pipeline.Statistics.ForStage).ToArray();
        long frames0 = pipeline.Statistics.FramesOffered;
        var time = Stopwatch.StartNew();
        while (time.Elapsed.TotalSeconds < seconds)
        {
            run.Run();
        }

        time.Stop();
        long frames = pipeline.Statistics.FramesOffered - frames0;
        double total = 0;
        foreach (var stage in Enum.GetValues<PipelineStage>())
        {
            double ns = (pipeline.Statistics.ForStage(stage).Elapsed - before[(int)stage].Elapsed).TotalNanoseconds / frames;
            total += ns;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{stage,-10} {ns,6:0.00} ns/frame"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"stages     {total,6:0.00} ns/frame; whole run {time.Elapsed.TotalNanoseconds / frames:0.00} ns/frame (load {File.ReadAllText("/proc/loadavg").Trim()})"));
        return 0;
    }

    /// <summary>Times the shortest-float formatter alone on the capture's samples: whole formatting, and the digit search alone.</summary>
    public static int Floats()
    {
        var workload = new StageWorkload(GeneratorOptions.Default, 65_536, 1024);
        var capture = workload.Capture;
        var values = new float[4096];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = BitConverter.ToSingle(capture, (i * 92) + 24 + (4 * (i % 16)));
        }

        byte[] destination = new byte[64];
        var format = Bench.Run(() =>
        {
            int total = 0;
            foreach (float value in values)
            {
                total += ShortestFloatFormatter.Format(value, destination);
            }

            BlackBox.Consume(total);
        });
        var digits = Bench.Run(() =>
        {
            uint total = 0;
            foreach (float value in values)
            {
                uint bits = BitConverter.SingleToUInt32Bits(value);
                total += ShortestFloatFormatter.ShortestDigits((bits >> 23) & 0xFF, bits & 0x7F_FFFF, out int e) + (uint)e;
            }

            BlackBox.Consume(total);
        });
        var digitValues = values.Select(value =>
        {
            uint bits = BitConverter.SingleToUInt32Bits(value);
            return ShortestFloatFormatter.ShortestDigits((bits >> 23) & 0xFF, bits & 0x7F_FFFF, out _);
        }).ToArray();
        var conversion = Bench.Run(() =>
        {
            ulong total = 0;
            foreach (uint d in digitValues)
            {
                total += DecimalDigits.EightDigits(d % 100_000_000) >> (8 * (8 - DecimalDigits.Count(d)));
            }

            BlackBox.Consume(total);
        });
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Count + EightDigits alone {conversion.Summary.Median / values.Length:0.00} ns/float"));

        // The same floats ordered by their digit count (and so by the digit search's and the layout's branches): how
        // much of a float's time is branches the predictor misses on the capture's order.
        var ordered = values.OrderBy(value => value.ToString("R", CultureInfo.InvariantCulture).Length).ToArray();
        var formatOrdered = Bench.Run(() =>
        {
            int total = 0;
            foreach (float value in ordered)
            {
                total += ShortestFloatFormatter.Format(value, destination);
            }

            BlackBox.Consume(total);
        });
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Format in the capture's order {format.Summary.Median / values.Length:0.00} ns/float, ordered by length {formatOrdered.Summary.Median / values.Length:0.00} ns/float"));

        // The emitter's lanes per float: the digit search alone, and with the common layout.
        if (FixedLayoutAvx2.IsSupported)
        {
            var avx2 = Bench.Run(() =>
            {
                var total = Vector256<uint>.Zero;
                for (int i = 0; i < values.Length; i += 8)
                {
                    ShortestDigitsAvx2.Compute(Vector256.Create(values.AsSpan(i, 8)).AsUInt32(), out var d, out var e);
                    total += d + e.AsUInt32();
                }

                BlackBox.Consume(total.ToScalar());
            });
            var avx2Layout = Bench.Run(() =>
            {
                var total = Vector128<int>.Zero;
                for (int i = 0; i < values.Length; i += 8)
                {
                    ShortestDigitsAvx2.Compute(Vector256.Create(values.AsSpan(i, 8)).AsUInt32(), out var d, out var e);
                    FixedLayoutAvx2.Compute(d, e, out var lowText, out var highText, out var layout);
                    total += layout.GetLower() + lowText.AsInt32().GetLower() + highText.AsInt32().GetLower();
                }

                BlackBox.Consume(total.ToScalar());
            });
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"AVX2 lanes: digits {avx2.Summary.Median / values.Length:0.00} ns/float, digits and layout {avx2Layout.Summary.Median / values.Length:0.00} ns/float"));
        }

        if (FixedLayoutX8.IsSupported)
        {
            var eight = Bench.Run(() =>
            {
                var total = System.Runtime.Intrinsics.Vector256<uint>.Zero;
                for (int i = 0; i < values.Length; i += 8)
                {
                    ShortestDigitsX8.Compute(System.Runtime.Intrinsics.Vector256.Create(values.AsSpan(i, 8)).AsUInt32(), out var d, out var e);
                    total += d + e.AsUInt32();
                }

                BlackBox.Consume(total.ToScalar());
            });
            var eightLayout = Bench.Run(() =>
            {
                var total = System.Runtime.Intrinsics.Vector256<int>.Zero;
                for (int i = 0; i < values.Length; i += 8)
                {
                    ShortestDigitsX8.Compute(System.Runtime.Intrinsics.Vector256.Create(values.AsSpan(i, 8)).AsUInt32(), out var d, out var e);
                    FixedLayoutX8.Compute(d, e, out var text, out var layout);
                    total += layout + text.AsInt32().GetLower();
                }

                BlackBox.Consume(total.ToScalar());
            });
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"eight lanes: digits {eight.Summary.Median / values.Length:0.00} ns/float, digits and layout {eightLayout.Summary.Median / values.Length:0.00} ns/float"));
        }

        // How often the shortest text has fewer digits than the float's full precision needs (the digit search's
        // trailing-zero path), by digit count.
        var byCount = new int[11];
        foreach (float value in values)
        {
            byCount[value.ToString("R", CultureInfo.InvariantCulture).Count(char.IsAsciiDigit)]++;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Format {format.Summary.Median / values.Length:0.00} ns/float, ShortestDigits {digits.Summary.Median / values.Length:0.00} ns/float; digits per float: {string.Join(", ", byCount.Select((n, d) => (n, d)).Where(x => x.n > 0).Select(x => $"{x.d}: {x.n}"))}"));
        return 0;
    }
}
