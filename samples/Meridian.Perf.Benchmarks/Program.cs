using BenchmarkDotNet.Running;

// Benchmarks of Meridian.Perf's own overhead. Run all: dotnet run -c Release --project samples/Meridian.Perf.Benchmarks
// Run some: ... -- --filter '*AllocationScope*'   Quick run: ... -- --job short
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
