namespace Meridian.Perf;

/// <summary>
/// The plug-in point for allocation call sites in failure messages. Core has no stack sampler (its runtime events come
/// through an <see cref="System.Diagnostics.Tracing.EventListener"/>, which carries no stacks); Meridian.Perf.Profiling
/// has one, and when the test project references it, its <c>AllocationCallSiteSampler</c> is found here by name, so
/// core takes no dependency and users add nothing but the package reference.
/// </summary>
internal static class AllocationCallSites
{
    /// <summary>The assembly-qualified name of the profiling package's sampler.</summary>
    public const string SamplerTypeName = "Meridian.Perf.Profiling.AllocationCallSiteSampler, Meridian.Perf.Profiling";

    /// <summary>What a failure message says when the profiling package is not there.</summary>
    public const string HowToGetThem =
        "Call sites: reference the Meridian.Perf.Profiling package in this test project and the failure names the allocating methods with file:line.";

    private static readonly Lazy<IAllocationCallSiteSampler?> s_sampler = new(Load);

    /// <summary>Gets the profiling package's sampler, or null when the package is not referenced.</summary>
    public static IAllocationCallSiteSampler? Sampler => s_sampler.Value;

    private static IAllocationCallSiteSampler? Load()
    {
        try
        {
            return Type.GetType(SamplerTypeName, throwOnError: false) is { } type
                ? Activator.CreateInstance(type) as IAllocationCallSiteSampler
                : null;
        }
        catch (Exception error) when (error is IOException or BadImageFormatException or TypeLoadException or MissingMethodException or System.Reflection.TargetInvocationException)
        {
            return null;
        }
    }
}

/// <summary>Samples a body's allocations with their call stacks and names the top call sites.</summary>
internal interface IAllocationCallSiteSampler
{
    /// <summary>Runs the body under allocation sampling with stacks and describes its top allocating call sites.</summary>
    /// <param name="runCalls">Makes the given number of calls of the body on the calling thread.</param>
    /// <param name="bytesPerCall">The measured bytes per call; decides how many calls give enough samples.</param>
    /// <param name="timeCap">The most time to spend calling the body.</param>
    /// <returns>One line for the failure message, e.g. <c>Call sites (sampled with stacks): System.Int32 (boxed) ~24 B/call at Parser.ParseField (Parser.cs:42).</c></returns>
    string Describe(Action<long> runCalls, double bytesPerCall, TimeSpan timeCap);
}
