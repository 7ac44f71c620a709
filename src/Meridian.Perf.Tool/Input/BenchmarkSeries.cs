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

    /// <summary>Gets the median over runs of the bytes per operation, or null when no run measured them. Exact
    /// measurements agree in every run; the median keeps one disturbed run (BenchmarkDotNet's in-process memory
    /// diagnoser sometimes reads 1 B of its own) from deciding.</summary>
    public double? MedianBytes
    {
        get
        {
            var bytes = Bytes.Order().ToList();
            return bytes.Count == 0 ? null : bytes.Count % 2 == 1 ? bytes[bytes.Count / 2] : (bytes[(bytes.Count / 2) - 1] + bytes[bytes.Count / 2]) / 2;
        }
    }

    /// <summary>Gets the kind of the first run.</summary>
    public string Kind => Runs[0].Kind;
}
