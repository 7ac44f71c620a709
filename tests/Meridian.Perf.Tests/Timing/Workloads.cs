using System.Runtime.CompilerServices;

namespace Meridian.Perf.Tests.Timing;

/// <summary>Bodies whose cost is known by construction: a chain of dependent multiply-adds, so n steps take n times one step's latency.</summary>
internal static class Workloads
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Chain(int steps)
    {
        long hash = 17;
        for (int i = 0; i < steps; i++)
        {
            hash = (hash * 31) + i;
        }

        BlackBox.Consume(hash);
    }
}
