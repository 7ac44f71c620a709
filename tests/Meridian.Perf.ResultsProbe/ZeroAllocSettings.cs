using Meridian.Perf.Testing;

namespace Meridian.Perf.ResultsProbe;

/// <summary>The settings a <c>[ZeroAlloc]</c> attribute would carry, small so the probe is quick.</summary>
internal sealed class ZeroAllocSettings : IZeroAllocSettings
{
    public long MaxBytesPerCall => 0;

    public int WarmupCalls => 2;

    public int Windows => 2;

    public int CallsPerWindow => 10;
}
