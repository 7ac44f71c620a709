// On .NET 8 allocation sampling falls back to GCAllocationTick, which the runtime raises for whichever thread's
// allocation crosses the next ~100 KB of the heap, not per thread: tests allocating in parallel would take each other's
// ticks. On .NET 10 (AllocationSampled, per allocation context) the same tests run in parallel.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
