namespace Meridian.Perf.Tool.Input;

/// <summary>The benchmarks read from one folder or file, by name.</summary>
/// <param name="Source">The path given.</param>
/// <param name="Format">What was read: <c>meridian-perf results</c> or <c>BenchmarkDotNet JSON</c>.</param>
/// <param name="Files">How many files were read.</param>
/// <param name="Runs">How many runs (processes, launches) they hold.</param>
/// <param name="Benchmarks">The benchmarks, by name (ordinal).</param>
internal sealed record ResultSet(string Source, string Format, int Files, int Runs, IReadOnlyDictionary<string, BenchmarkSeries> Benchmarks);
