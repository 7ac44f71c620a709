namespace Meridian.Perf.Runtime;

/// <summary>The estimated allocations of one type in a <see cref="RuntimeEventReport"/>. Every figure is an estimate from samples.</summary>
/// <param name="TypeName">The runtime's name of the type, e.g. <c>System.String</c> or <c>System.Int32</c> (a boxed int).</param>
/// <param name="Samples">The allocation events behind the estimate; its relative error is roughly 1/√<paramref name="Samples"/>.</param>
/// <param name="EstimatedBytes">The estimated bytes allocated.</param>
/// <param name="EstimatedObjects">The estimated number of objects allocated.</param>
/// <param name="Share">The type's part of all estimated bytes, from 0 to 1.</param>
public sealed record AllocatedType(string TypeName, int Samples, double EstimatedBytes, double EstimatedObjects, double Share);
