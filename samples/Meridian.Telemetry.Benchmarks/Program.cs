using BenchmarkDotNet.Running;

// The telemetry pipeline, stage by stage and whole, naive vs optimized. Every figure is per frame.
// Run all:   dotnet run -c Release --project samples/Meridian.Telemetry.Benchmarks -- --filter '*'
// Run some:  ... -- --filter '*PipelineBenchmarks*'   or   --filter '*Decode*'   or   --anyCategories emit
// Quick run: ... -- --filter '*' --job short
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
