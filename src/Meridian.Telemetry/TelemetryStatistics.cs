using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Meridian.Telemetry;

/// <summary>
/// The accounting of a pipeline: every frame candidate is accepted or rejected for one <see cref="RejectReason"/>, and
/// every input byte is in an accepted frame, in a rejected frame, or skipped as garbage. Plus per-stage time and
/// allocations.
/// </summary>
/// <remarks>
/// Updated by the pipeline's thread only. Readers on other threads (the metrics callbacks) may see values a batch
/// old. The invariants <see cref="FramesBalance"/> and, once the input is complete, <see cref="BytesBalance"/> hold
/// after every call into the pipeline.
/// </remarks>
public sealed class TelemetryStatistics
{
    private static readonly RejectReason[] Reasons = Enum.GetValues<RejectReason>();
    private static readonly PipelineStage[] Stages = Enum.GetValues<PipelineStage>();

    private readonly long[] _rejected = new long[Reasons.Length];
    private readonly long[] _stageBatches = new long[Stages.Length];
    private readonly long[] _stageItems = new long[Stages.Length];
    private readonly long[] _stageTicks = new long[Stages.Length];
    private readonly long[] _stageBytes = new long[Stages.Length];

    /// <summary>Gets the frame candidates decided so far: magic numbers found and either accepted or rejected.</summary>
    public long FramesOffered { get; private set; }

    /// <summary>Gets the frames that passed every check and were aggregated.</summary>
    public long FramesAccepted { get; private set; }

    /// <summary>Gets the frame candidates rejected, for any reason.</summary>
    public long FramesRejected { get; private set; }

    /// <summary>Gets the bytes of accepted frames.</summary>
    public long AcceptedBytes { get; private set; }

    /// <summary>Gets the bytes accounted to rejected candidates (2 for a candidate whose length is not trusted; see <see cref="RejectReason"/>).</summary>
    public long RejectedBytes { get; private set; }

    /// <summary>Gets the bytes skipped because they were not part of any frame candidate.</summary>
    public long SkippedBytes { get; private set; }

    /// <summary>Gets the bytes read from the input stream (set by <c>RunAsync</c>; the caller of <c>ProcessChunk</c> knows its own).</summary>
    public long BytesRead { get; internal set; }

    /// <summary>Gets the frames missing between accepted frames, judged by sequence numbers (a gap of 3 counts 2).</summary>
    public long SequenceGaps { get; private set; }

    /// <summary>
    /// Gets the runs of <c>RunAsync</c> that ended early, because reading the input threw (an <see cref="IOException"/>,
    /// say) or the run was cancelled. Such a run is finished as if its input had ended where it stopped, so the
    /// accounting balances after it as after any other run (see <see cref="ITelemetryPipeline.RunAsync"/>).
    /// </summary>
    public long InterruptedRuns { get; private set; }

    /// <summary>Gets the line-protocol lines written (one per closed window).</summary>
    public long LinesEmitted { get; private set; }

    /// <summary>Gets the bytes of line protocol written.</summary>
    public long OutputBytes { get; private set; }

    /// <summary>Gets whether accepted + rejected = offered, which must always hold.</summary>
    public bool FramesBalance => FramesAccepted + FramesRejected == FramesOffered;

    /// <summary>Gets whether accepted + rejected + skipped bytes = bytes read, which holds once all input read was processed and completed.</summary>
    public bool BytesBalance => AcceptedBytes + RejectedBytes + SkippedBytes == BytesRead;

    /// <summary>Gets the number of candidates rejected for <paramref name="reason"/>.</summary>
    /// <param name="reason">The reason.</param>
    /// <returns>The count.</returns>
    public long RejectedFor(RejectReason reason) => _rejected[(int)reason];

    /// <summary>Gets what <paramref name="stage"/> has cost so far.</summary>
    /// <param name="stage">The stage.</param>
    /// <returns>The stage's batches, items, time and allocations.</returns>
    public StageStatistics ForStage(PipelineStage stage)
    {
        int i = (int)stage;
        return new StageStatistics(stage, _stageBatches[i], _stageItems[i], Stopwatch.GetElapsedTime(0, _stageTicks[i]), _stageBytes[i]);
    }

    /// <summary>Formats the counts (not the timings, which differ run to run) on one line; two pipelines that saw the same input print the same text.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"offered {FramesOffered}, accepted {FramesAccepted}, rejected {FramesRejected} (");
        for (int i = 0; i < Reasons.Length; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{(i == 0 ? string.Empty : ", ")}{Reasons[i]} {_rejected[i]}");
        }

        text.Append(CultureInfo.InvariantCulture, $"); bytes read {BytesRead}: accepted {AcceptedBytes}, rejected {RejectedBytes}, skipped {SkippedBytes}; ");
        text.Append(CultureInfo.InvariantCulture, $"sequence gaps {SequenceGaps}; lines {LinesEmitted}, output {OutputBytes} B");
        return text.ToString();
    }

    internal void Offer() => FramesOffered++;

    internal void Offer(int candidates) => FramesOffered += candidates;

    internal void Accept(int frameBytes)
    {
        FramesAccepted++;
        AcceptedBytes += frameBytes;
    }

    internal void Accept(int frames, long frameBytes)
    {
        FramesAccepted += frames;
        AcceptedBytes += frameBytes;
    }

    internal void Reject(RejectReason reason, int accountedBytes)
    {
        FramesRejected++;
        _rejected[(int)reason]++;
        RejectedBytes += accountedBytes;
    }

    internal void Interrupted() => InterruptedRuns++;

    internal void Skip(int bytes) => SkippedBytes += bytes;

    internal void Gap(long missingFrames) => SequenceGaps += missingFrames;

    internal void Emitted(int lines, long bytes)
    {
        LinesEmitted += lines;
        OutputBytes += bytes;
    }

    internal void RecordStage(PipelineStage stage, int items, long elapsedTicks, long allocatedBytes)
    {
        int i = (int)stage;
        _stageBatches[i]++;
        _stageItems[i] += items;
        _stageTicks[i] += elapsedTicks;
        _stageBytes[i] += allocatedBytes;
    }
}
