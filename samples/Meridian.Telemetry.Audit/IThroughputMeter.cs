namespace Meridian.Telemetry.Audit;

/// <summary>
/// Measures frames per second of a body that processes a fixed number of frames per call. Phase 1 and the fix
/// verification depend only on this: today <see cref="StopwatchThroughputMeter"/>; the Bench sampler (confidence
/// intervals) and Bench.Compare (p-values) replace it when Meridian.Perf's statistics land.
/// </summary>
internal interface IThroughputMeter
{
    /// <summary>Gets a one-line description of the method, for the report.</summary>
    string Method { get; }

    ThroughputResult Measure(string name, Func<int> call, int framesPerCall);
}
