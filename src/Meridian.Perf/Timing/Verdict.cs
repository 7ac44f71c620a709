namespace Meridian.Perf;

/// <summary>The conclusion of a timing comparison of a candidate against a baseline.</summary>
public enum Verdict
{
    /// <summary>The measurement cannot tell: the interval of the change is too wide, or the comparison could not be made fairly (the reason says which).</summary>
    Inconclusive,

    /// <summary>The candidate is slower: p &lt; α and the whole interval of the change lies above the noise threshold.</summary>
    Slower,

    /// <summary>The candidate is faster: p &lt; α and the whole interval of the change lies below minus the noise threshold.</summary>
    Faster,

    /// <summary>No change that matters: the whole interval of the change lies within ± the noise threshold.</summary>
    NoChange,
}
