using System.Numerics;

namespace Meridian.Perf.Profiling;

/// <summary>Binary search of items sorted by where they start (code ranges, symbols, GC pauses).</summary>
internal static class SortedStarts
{
    /// <summary>The index of the last item that starts at or before <paramref name="key"/>, or -1 when none does.</summary>
    /// <typeparam name="TItem">The items.</typeparam>
    /// <typeparam name="TKey">An address or a time.</typeparam>
    /// <typeparam name="TStart">Where an item starts: a struct, so that the search is compiled for it, with no call per step.</typeparam>
    /// <param name="sorted">The items, in ascending order of their start.</param>
    /// <param name="key">The address or time looked up.</param>
    public static int LastAtOrBefore<TItem, TKey, TStart>(ReadOnlySpan<TItem> sorted, TKey key)
        where TKey : IComparisonOperators<TKey, TKey, bool>
        where TStart : struct, IStartOf<TItem, TKey>
    {
        int low = 0, high = sorted.Length - 1;
        while (low <= high)
        {
            var middle = (low + high) >>> 1;
            if (TStart.Of(sorted[middle]) <= key)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return high;
    }
}
