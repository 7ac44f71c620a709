using System.Runtime.CompilerServices;

namespace Meridian.Perf.Profiling;

/// <summary>
/// Frames that mark a thread's stack: the body runs beneath <see cref="RunBody"/>, the trace is read beneath
/// <see cref="DrainTrace"/>. Stacks are cut at the marker (the runner's frames below the body are not the workload's)
/// and the reader's samples are recognised without knowing OS thread ids, on every platform.
/// </summary>
internal static class WorkloadFrames
{
    public const string BodyMarker = "Meridian.Perf.Profiling.WorkloadFrames.RunBody(";
    public const string DrainMarker = "Meridian.Perf.Profiling.WorkloadFrames.DrainTrace(";

    /// <summary>The perf_event_open sampler's body marker: its own method, so an EventPipe profile running at the same
    /// time (which tells its body by <see cref="BodyMarker"/> on any thread) never takes this body for its own.</summary>
    public const string PerfEventBodyMarker = "Meridian.Perf.Profiling.WorkloadFrames.RunPerfEventBody(";

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.NoOptimization)]
    public static void RunBody(Action body) => body();

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.NoOptimization)]
    public static void RunPerfEventBody(Action body) => body();

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.NoOptimization)]
    public static void DrainTrace(Stream source, Stream destination) => source.CopyTo(destination, 1 << 16);
}
