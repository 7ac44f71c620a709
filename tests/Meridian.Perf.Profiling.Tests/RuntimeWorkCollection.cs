namespace Meridian.Perf.Profiling.Tests;

/// <summary>Runs <see cref="RuntimeWorkTests"/> alone.</summary>
[CollectionDefinition(nameof(RuntimeWorkTests), DisableParallelization = true)]
public sealed class RuntimeWorkCollection
{
}
