namespace Meridian.Perf.Tests.Timing;

/// <summary>Live timing tests run on their own, not beside the suite's other tests (the machine's other load still runs).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LiveTimingCollection
{
    public const string Name = "Live timing";
}
