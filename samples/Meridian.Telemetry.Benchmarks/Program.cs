using BenchmarkDotNet.Running;

// The telemetry pipeline, stage by stage and whole, naive vs optimized. Every figure is per frame.
// Run all:   dotnet run -c Release --project samples/Meridian.Telemetry.Benchmarks -- --filter '*'
// Run some:  ... -- --filter '*PipelineBenchmarks*'   or   --filter '*Decode*'   or   --anyCategories emit
// Quick run: ... -- --filter '*' --job short
// Soak:      ... -- soak [frames] [seed]   (fuzzed frames with injected I/O faults and cancellations; accounting per run)
if (args.Length > 0 && args[0] == "soak")
{
    long frames = args.Length > 1 ? long.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000;
    int seed = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 12;
    return Meridian.Telemetry.Benchmarks.FaultSoak.Run(frames, seed);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
