namespace Meridian.Perf.Profiling;

/// <summary>Where an item of a <see cref="SortedStarts"/> search starts.</summary>
/// <typeparam name="TItem">The items.</typeparam>
/// <typeparam name="TKey">An address or a time.</typeparam>
internal interface IStartOf<TItem, TKey>
{
    /// <summary>Where <paramref name="item"/> starts.</summary>
    /// <param name="item">The item.</param>
    /// <returns>Its start.</returns>
    static abstract TKey Of(TItem item);
}
