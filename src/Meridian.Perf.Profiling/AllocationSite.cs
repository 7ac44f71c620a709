namespace Meridian.Perf.Profiling;

/// <summary>One allocation call site: a type allocated by a method, with estimates of how much (dhat's view of a site).</summary>
/// <param name="TypeName">The allocated type, e.g. <c>System.Byte[]</c>.</param>
/// <param name="Method">The method that allocated it (the leaf frame of the allocating stacks), or "[body]" for the body itself.</param>
/// <param name="EstimatedBytes">Bytes allocated at this site, estimated from the samples (unbiased; the error shrinks as samples grow).</param>
/// <param name="EstimatedObjects">Objects allocated at this site, estimated the same way.</param>
/// <param name="Samples">Sampled allocations behind the estimates; below ~10 an estimate is a rough order of magnitude.</param>
/// <param name="HeaviestStack">The heaviest full stack that reached this site, root first.</param>
public sealed record AllocationSite(
    string TypeName,
    string Method,
    double EstimatedBytes,
    double EstimatedObjects,
    int Samples,
    IReadOnlyList<string> HeaviestStack);
