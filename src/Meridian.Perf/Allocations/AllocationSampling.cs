using Meridian.Perf.Runtime;

namespace Meridian.Perf;

/// <summary>
/// Which types a body allocates, estimated from the runtime's allocation sampling over many calls: the same sampling that
/// names the culprits of a failed allocation assertion, returned as data (<see cref="Allocations.SampleTypes"/>).
/// </summary>
public sealed class AllocationSampling
{
    internal AllocationSampling(RuntimeEventReport? report, long calls, TimeSpan elapsed, string? problem)
    {
        Report = report;
        Calls = calls;
        Elapsed = elapsed;
        Problem = problem;
    }

    /// <summary>Gets the sampled allocations by type (estimated bytes), or null when sampling was not possible (see <see cref="Problem"/>).</summary>
    public RuntimeEventReport? Report { get; }

    /// <summary>Gets how many times the body ran while sampled.</summary>
    public long Calls { get; }

    /// <summary>Gets how long the sampling took.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>Gets why there is no report (the runtime's events are unavailable, or did not arrive in time); null otherwise.</summary>
    public string? Problem { get; }

    /// <summary>Gets the estimated bytes per call of the sampled type named <paramref name="typeName"/>, or 0 when it was not sampled.</summary>
    /// <param name="typeName">The runtime's type name, as in <see cref="RuntimeEventReport.Allocations"/>.</param>
    /// <returns>The estimate per call.</returns>
    public double BytesPerCall(string typeName) =>
        Report?.Allocations.FirstOrDefault(a => a.TypeName == typeName) is { } type && Calls > 0 ? type.EstimatedBytes / Calls : 0;
}
