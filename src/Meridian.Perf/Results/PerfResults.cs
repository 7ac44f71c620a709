using Meridian.Perf.Results;

namespace Meridian.Perf;

/// <summary>
/// The results sink: when a test run asks for it, every measurement made through the library (<c>Bench.Run</c>,
/// <c>Bench.Compare</c>, stored-baseline checks, <c>Allocations.Measure</c> and its assertions, <c>[ZeroAlloc]</c>)
/// is written as one JSON line to a file of this process in a results folder, for the <c>meridian-perf</c> tool
/// and for services such as Bencher or github-action-benchmark (see docs/ci.md).
/// </summary>
/// <remarks>
/// <para>Switch it on with the environment variable <c>MERIDIAN_PERF_RESULTS=&lt;folder&gt;</c>, or build the test
/// project with the MSBuild property <c>MeridianPerfResults=&lt;folder&gt;</c> (written into its runtimeconfig).
/// Read once per process: when neither is set nothing is written and every hook is one test of a
/// <see langword="static"/> <see langword="readonly"/> field.</para>
/// <para>Each process writes its own file (<c>meridian-perf-&lt;time&gt;-&lt;pid&gt;-&lt;random&gt;.jsonl</c>), one whole line per
/// record under a lock, flushed as it is written, so parallel tests and parallel processes never mix or lose a line.</para>
/// </remarks>
public static class PerfResults
{
    /// <summary>The environment variable that names the results folder.</summary>
    public const string FolderVariable = ResultsSink.FolderVariable;

    /// <summary>Gets whether this process records results.</summary>
    public static bool IsRecording => ResultsSink.IsEnabled;

    /// <summary>Gets the file this process records into, or <see langword="null"/> when it does not record.</summary>
    public static string? FilePath => ResultsSink.FilePath;

    /// <summary>
    /// Names the measurements made inside the returned scope (in this async flow), instead of the calling method's
    /// name, and optionally gives the unit of work an operation does so that throughput is recorded too.
    /// </summary>
    /// <param name="name">The name results are recorded under, e.g. <c>telemetry/decode</c>.</param>
    /// <param name="unitsPerOperation">How many units of work one call of the body does (e.g. 1 000 frames); 0 for none.</param>
    /// <param name="unit">The unit's name, e.g. <c>frames</c>; throughput is recorded per second (<c>frames/s</c>).</param>
    /// <returns>The scope; dispose it to end the label.</returns>
    public static IDisposable Label(string name, double unitsPerOperation = 0, string? unit = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfNegative(unitsPerOperation);
        if (!double.IsFinite(unitsPerOperation))
        {
            throw new ArgumentOutOfRangeException(nameof(unitsPerOperation), unitsPerOperation, "The units per operation must be finite.");
        }

        return ResultLabel.Push(name, unitsPerOperation, unit);
    }
}
