namespace Meridian.Perf.Runtime;

/// <summary>
/// The runtime's event provider and the keywords Meridian.Perf enables on it, defined once for the in-process
/// <see cref="System.Diagnostics.Tracing.EventListener"/> of core and the EventPipe sessions of Meridian.Perf.Profiling
/// (values from the runtime's ClrEtwAll.man).
/// </summary>
internal static class DotNetRuntimeProvider
{
    /// <summary>The runtime's own provider.</summary>
    public const string Name = "Microsoft-Windows-DotNETRuntime";

    /// <summary>The EventPipe sample profiler's provider (thread samples with managed stacks).</summary>
    public const string SampleProfilerName = "Microsoft-DotNETCore-SampleProfiler";

    /// <summary>GC events: GCStart/GCEnd, suspensions, GCAllocationTick.</summary>
    public const long GcKeyword = 0x1;

    /// <summary>Assembly and module loads.</summary>
    public const long LoaderKeyword = 0x8;

    /// <summary>Methods compiled by the JIT (MethodLoad with address and size).</summary>
    public const long JitKeyword = 0x10;

    /// <summary>Precompiled (NGen/ReadyToRun) methods in the rundown.</summary>
    public const long NGenKeyword = 0x20;

    /// <summary>The IL-to-native offset maps of jitted methods (source lines of stack frames).</summary>
    public const long JittedMethodILToNativeMapKeyword = 0x20000;

    /// <summary>Lock contention start and stop.</summary>
    public const long ContentionKeyword = 0x4000;

    /// <summary>Exceptions thrown.</summary>
    public const long ExceptionKeyword = 0x8000;

    /// <summary>.NET 10's randomized allocation sampling: <c>AllocationSampled</c> events (id 303).</summary>
    public const long AllocationSamplingKeyword = 0x800_0000_0000;
}
