using System.Diagnostics;
using Meridian.Perf;

namespace Meridian.Telemetry;

/// <summary>Measures one run of a stage: wall-clock time and exact allocations on this thread. Allocates nothing.</summary>
internal readonly ref struct StageProbe
{
    private readonly long _startTicks;
    private readonly AllocationScope _scope;

    private StageProbe(long startTicks, AllocationScope scope)
    {
        _startTicks = startTicks;
        _scope = scope;
    }

    public static StageProbe Start(bool enabled) =>
        enabled ? new StageProbe(Stopwatch.GetTimestamp(), AllocationScope.Begin()) : default;

    public void Stop(TelemetryStatistics statistics, PipelineStage stage, int items)
    {
        if (_startTicks == 0)
        {
            return;
        }

        long bytes = _scope.End();
        statistics.RecordStage(stage, items, Stopwatch.GetTimestamp() - _startTicks, bytes);
    }
}
