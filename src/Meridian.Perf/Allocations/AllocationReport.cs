using System.Globalization;
using System.Text;

namespace Meridian.Perf;

/// <summary>
/// What <see cref="Allocations.Measure(Action, AllocationOptions?)"/> measured: bytes per call in every window, the
/// reported figure, how it was measured and what the runtime did meanwhile.
/// </summary>
public sealed class AllocationReport
{
    internal AllocationReport(
        long[] windowBytes,
        AllocationOptions options,
        MeasurementMode mode,
        RuntimeCounters counters,
        bool measuredRegionsOnly,
        bool isAsync,
        string? unreliableReason)
    {
        WindowBytes = windowBytes;
        // A loop, not Enumerable.Min: System.Linq would be loaded and its generic code compiled on the first measurement
        // of a process, which was most of the first Allocations.Measure's cost.
        var perCall = new double[windowBytes.Length];
        double smallest = double.PositiveInfinity;
        for (int i = 0; i < windowBytes.Length; i++)
        {
            perCall[i] = (double)windowBytes[i] / options.CallsPerWindow;
            smallest = Math.Min(smallest, perCall[i]);
        }

        WindowBytesPerCall = perCall;
        Options = options;
        Mode = mode;
        Counters = counters;
        MeasuredRegionsOnly = measuredRegionsOnly;
        IsAsync = isAsync;
        UnreliableReason = unreliableReason;
        BytesPerCall = unreliableReason is null ? smallest : null;
    }

    /// <summary>
    /// Gets the reported figure: the smallest window's bytes per call, or <see langword="null"/> when the measurement
    /// cannot be trusted (see <see cref="UnreliableReason"/>). The smallest window is the one no stray event (a
    /// background GC's allocation-context refill, a one-off lazy initialisation) disturbed.
    /// </summary>
    public double? BytesPerCall { get; }

    /// <summary>Gets the exact bytes the measuring thread allocated in each window.</summary>
    public IReadOnlyList<long> WindowBytes { get; }

    /// <summary>Gets each window's bytes divided by <see cref="AllocationOptions.CallsPerWindow"/>.</summary>
    public IReadOnlyList<double> WindowBytesPerCall { get; }

    /// <summary>Gets whether <see cref="BytesPerCall"/> can be trusted.</summary>
    public bool IsReliable => UnreliableReason is null;

    /// <summary>Gets why the measurement cannot be trusted, or <see langword="null"/> when it can.</summary>
    public string? UnreliableReason { get; }

    /// <summary>Gets the settings the measurement used.</summary>
    public AllocationOptions Options { get; }

    /// <summary>Gets how the runtime compiled and collected while measuring.</summary>
    public MeasurementMode Mode { get; }

    /// <summary>Gets whether optimized code was measured (see <see cref="MeasurementMode.OptimizedFromFirstCall"/>).</summary>
    public bool OptimizedCode => Mode.OptimizedFromFirstCall;

    /// <summary>Gets the runtime counters' change over the measured windows (warm-up excluded).</summary>
    public RuntimeCounters Counters { get; }

    /// <summary>Gets whether the body marked regions with <see cref="Allocations.Region"/>, so that only those were counted.</summary>
    public bool MeasuredRegionsOnly { get; }

    /// <summary>Gets whether the body was asynchronous and ran under Meridian's single-thread pump.</summary>
    public bool IsAsync { get; }

    /// <summary>Formats the report over a few lines.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(BytesPerCall is { } perCall
            ? $"{ByteText.Format(perCall)} per call"
            : $"unreliable: {UnreliableReason}");
        text.Append(CultureInfo.InvariantCulture, $" ({DescribeMethod()}).");
        text.AppendLine();
        text.Append("Windows (B per call): ").Append(ByteText.FormatList(WindowBytesPerCall)).AppendLine(".");
        text.Append(Mode).AppendLine(" Allocations on other threads are not counted.");
        text.Append("Runtime counters over the windows: ").Append(Counters).Append('.');
        return text.ToString();
    }

    internal string DescribeMethod()
    {
        string what = MeasuredRegionsOnly ? "Allocations.Region() blocks only, " : string.Empty;
        string pump = IsAsync ? ", async body on a single-thread pump" : string.Empty;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{what}{Options.Windows} windows × {Options.CallsPerWindow} calls after {Options.WarmupCalls} warm-up calls{pump}");
    }
}
