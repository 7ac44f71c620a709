using Meridian.Perf.Testing;

namespace Meridian.Perf.ResultsOverhead;

/// <summary>[ZeroAlloc]'s defaults: 0 B, 3 warm-up calls, 5 windows of 100 calls. Loaded once per build compared, so it implements that build's interface.</summary>
public sealed class ZeroAllocDefaults : IZeroAllocSettings
{
    /// <inheritdoc/>
    public long MaxBytesPerCall => 0;

    /// <inheritdoc/>
    public int WarmupCalls => 3;

    /// <inheritdoc/>
    public int Windows => 5;

    /// <inheritdoc/>
    public int CallsPerWindow => 100;
}
