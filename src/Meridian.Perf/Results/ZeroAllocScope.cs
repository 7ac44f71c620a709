namespace Meridian.Perf.Results;

/// <summary>The span of one <c>[ZeroAlloc]</c> measurement (see <see cref="ResultsSink.BeginZeroAllocTest"/>); default when results are off.</summary>
internal readonly struct ZeroAllocScope(string? previous) : IDisposable
{
    private readonly bool _active = true;

    public void Dispose()
    {
        if (_active)
        {
            ResultsSink.EndZeroAllocTest(previous);
        }
    }
}
