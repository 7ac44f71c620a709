using System.Globalization;
using BenchmarkDotNet.Running;
using Meridian.Telemetry.Benchmarks.Steps;

// The telemetry pipeline, stage by stage and whole, naive vs optimized. Every figure is per frame.
// Run all:   dotnet run -c Release --project samples/Meridian.Telemetry.Benchmarks -- --filter '*'
// Run some:  ... -- --filter '*PipelineBenchmarks*'   or   --filter '*Decode*'   or   --anyCategories emit
// Quick run: ... -- --filter '*' --job short
// Soak:      ... -- soak [frames] [seed]   (fuzzed frames with injected I/O faults and cancellations; accounting per run)
// Profile:   ... -- profile [stream|chunks|decode|validate|aggregate|emit] [ms] [lines]   (CpuProfiler, top frames by self
//            time; with lines, the leaf samples by source line)
// Steps:     ... -- compare BEFORE_DIR AFTER_DIR stream|chunks|decode|validate|aggregate|emit [blocks]
//            (Bench.Compare of two builds of Meridian.Telemetry.dll, each in its own load context, interleaved in one
//            process: the build before an improvement step against the build after it; see ImprovementPath.md)
// Settings:  ... -- vary sensors|buffer|batch BASELINE CANDIDATE   (Bench.Compare of one build under two values)
if (args.Length > 0 && args[0] == "soak")
{
    long frames = args.Length > 1 ? long.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000;
    int seed = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 12;
    return Meridian.Telemetry.Benchmarks.FaultSoak.Run(frames, seed);
}

if (args.Length > 0 && args[0] == "profile")
{
    return StepTool.Profile(args.Length > 1 ? args[1] : "stream", args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3000, args.Contains("lines"));
}

if (args.Length > 3 && args[0] == "compare")
{
    return StepTool.Compare(args[1], args[2], args[3], args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 40);
}

if (args.Length > 0 && args[0] == "stages")
{
    return StepTool.StageTimes(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3);
}

if (args.Length > 0 && args[0] == "floats")
{
    return StepTool.Floats();
}

if (args.Length > 3 && args[0] == "vary")
{
    return StepTool.Vary(args[1], int.Parse(args[2], CultureInfo.InvariantCulture), int.Parse(args[3], CultureInfo.InvariantCulture));
}

if (args.Length > 0 && args[0] == "sweep")
{
    return StepTool.Sweep();
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
