namespace Meridian.Perf.Results;

/// <summary>The span of one stored-baseline check (see <see cref="ResultsSink.BeginBaselineCheck"/>); default when results are off.</summary>
internal readonly struct BaselineScope(PendingBaseline? pending) : IDisposable
{
    public void Dispose()
    {
        if (pending is not null)
        {
            ResultsSink.EndBaselineCheck(pending);
        }
    }
}
