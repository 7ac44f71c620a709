namespace Meridian.Perf.Tool.Input;

/// <summary>Every run's measurement of one benchmark (matched across result sets by <see cref="Name"/>).</summary>
/// <param name="Name">The test's full name, label or BenchmarkDotNet full name.</param>
/// <param name="Runs">One entry per run that measured it.</param>
internal sealed record BenchmarkSeries(string Name, IReadOnlyList<RunMeasurement> Runs)
{
    /// <summary>Gets the runs that measured time.</summary>
    public IReadOnlyList<RunMeasurement> TimedRuns => [.. Runs.Where(r => r.MeanNanoseconds is > 0)];

    /// <summary>Gets the runs' exact bytes per operation (runs that measured them).</summary>
    public IReadOnlyList<double> Bytes => [.. Runs.Where(r => r.BytesPerOperation is not null).Select(r => r.BytesPerOperation!.Value)];

    /// <summary>Gets the kind of the first run.</summary>
    public string Kind => Runs[0].Kind;
}
