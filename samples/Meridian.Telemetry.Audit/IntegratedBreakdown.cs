namespace Meridian.Telemetry.Audit;

/// <summary>
/// Where the integrated (chunked) pipeline spends its time per frame, by its own stage measurement
/// (<see cref="TelemetryStatistics.ForStage"/>: two timestamps and an allocation-counter read around each stage and
/// batch), over a run after Phase 1 warmed it up.
/// </summary>
/// <param name="NanosecondsPerFrame">Each stage's time per offered frame inside the pipeline, in <see cref="Stages.All"/> order.</param>
/// <param name="BytesPerFrame">Each stage's exact bytes per offered frame inside the pipeline.</param>
/// <param name="TotalNanosecondsPerFrame">Wall-clock time of the whole run per offered frame.</param>
/// <param name="Frames">Frames offered during the run.</param>
internal sealed record IntegratedBreakdown(double[] NanosecondsPerFrame, double[] BytesPerFrame, double TotalNanosecondsPerFrame, long Frames)
{
    public double StagesNanosecondsPerFrame => NanosecondsPerFrame.Sum();
}
