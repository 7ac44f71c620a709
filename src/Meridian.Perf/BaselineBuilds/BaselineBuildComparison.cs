using System.Globalization;
using System.Text;

namespace Meridian.Perf;

/// <summary>
/// The result of comparing the current build of the code under test with a baseline build loaded into the same
/// process (<see cref="BaselineBuild"/>): the interleaved timing <see cref="Comparison"/> (baseline build = baseline,
/// current build = candidate), exact bytes per call of both, where the baseline came from and how its assemblies were
/// resolved, or why nothing could be compared.
/// </summary>
public sealed class BaselineBuildComparison
{
    internal BaselineBuildComparison(
        string body,
        string baseline,
        string? notComparedReason,
        Comparison? timing,
        AllocationReport? baselineAllocations,
        AllocationReport? currentAllocations,
        IReadOnlyList<string> resolution,
        TimeSpan contextLoadTime,
        TimeSpan elapsed)
    {
        Body = body;
        Baseline = baseline;
        NotComparedReason = notComparedReason;
        Timing = timing;
        BaselineAllocations = baselineAllocations;
        CurrentAllocations = currentAllocations;
        Resolution = resolution;
        ContextLoadTime = contextLoadTime;
        Elapsed = elapsed;
    }

    /// <summary>Gets the current build's body, as its factory made it (for a follow-up measurement).</summary>
    internal Action? CurrentBody { get; init; }

    /// <summary>Gets the body factory compared, as <c>Type.Method</c>.</summary>
    public string Body { get; }

    /// <summary>Gets where the baseline build came from (a package version, a folder and how it was configured), in words.</summary>
    public string Baseline { get; }

    /// <summary>Gets whether the two builds were compared; when not, <see cref="NotComparedReason"/> says why.</summary>
    public bool Compared => NotComparedReason is null;

    /// <summary>Gets why nothing was compared (no baseline configured, something the body uses missing from the baseline build, ...), or null.</summary>
    public string? NotComparedReason { get; }

    /// <summary>Gets the timing verdict of the current build against the baseline build; <see cref="Verdict.Inconclusive"/> when timing was not compared.</summary>
    public Verdict Verdict => Timing?.Verdict ?? Verdict.Inconclusive;

    /// <summary>Gets the interleaved timing comparison (baseline = the baseline build, candidate = the current build), or null when timing was not compared.</summary>
    public Comparison? Timing { get; }

    /// <summary>Gets the baseline build's exact allocations per call, or null when they were not measured.</summary>
    public AllocationReport? BaselineAllocations { get; }

    /// <summary>Gets the current build's exact allocations per call, or null when they were not measured.</summary>
    public AllocationReport? CurrentAllocations { get; }

    /// <summary>Gets the baseline build's exact bytes per call, or null when not measured or not reliable.</summary>
    public double? BaselineBytesPerCall => BaselineAllocations?.BytesPerCall;

    /// <summary>Gets the current build's exact bytes per call, or null when not measured or not reliable.</summary>
    public double? CurrentBytesPerCall => CurrentAllocations?.BytesPerCall;

    /// <summary>Gets how many more bytes per call the current build allocates than the baseline build (negative: fewer), or null.</summary>
    public double? ExtraBytesPerCall => CurrentBytesPerCall - BaselineBytesPerCall;

    /// <summary>Gets how each assembly the baseline copy of the body asked for was resolved (from the baseline's folder, or shared with the test), one line each.</summary>
    public IReadOnlyList<string> Resolution { get; }

    /// <summary>Gets how long this check spent loading the baseline context: zero when an earlier check of the same test assembly loaded it (it is loaded once per test assembly).</summary>
    public TimeSpan ContextLoadTime { get; }

    /// <summary>Gets how long the whole check took, context loading included.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>Formats the comparison over a few lines: the timing report, the bytes, the baseline's origin and resolution.</summary>
    /// <returns>The report.</returns>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append("body:      ").Append(Body).AppendLine(" (baseline = the baseline build, candidate = the current build)");
        if (NotComparedReason is { } reason)
        {
            text.Append("not compared: ").AppendLine(reason);
        }

        if (Timing is { } timing)
        {
            text.AppendLine(timing.ToString());
        }

        if (BaselineAllocations is { } baseline && CurrentAllocations is { } current)
        {
            text.Append("bytes:     baseline build ").Append(Bytes(baseline)).Append(", current build ").Append(Bytes(current));
            if (ExtraBytesPerCall is { } extra)
            {
                text.Append(" (").Append(extra >= 0 ? "+" : string.Empty).Append(ByteText.Format(extra)).Append(" per call)");
            }

            text.AppendLine(" — exact, smallest of the windows on the measuring thread");
        }

        text.Append(Provenance());
        return text.ToString().TrimEnd();
    }

    /// <summary>The baseline's origin, its resolution and the time spent, for reports and failure messages.</summary>
    internal string Provenance()
    {
        var text = new StringBuilder();
        text.Append("baseline build: ").AppendLine(Baseline);
        foreach (string line in Resolution)
        {
            text.Append("  resolved: ").AppendLine(line);
        }

        text.Append(CultureInfo.InvariantCulture, $"time:      {TimeText.Seconds(Elapsed)} for this check, ");
        text.AppendLine(ContextLoadTime > TimeSpan.Zero
            ? string.Create(CultureInfo.InvariantCulture, $"{ContextLoadTime.TotalMilliseconds:0} ms of it loading the baseline context (once per test assembly)")
            : "the baseline context was already loaded (once per test assembly)");
        return text.ToString();
    }

    private static string Bytes(AllocationReport report) =>
        report.BytesPerCall is { } bytes ? ByteText.Format(bytes) + " per call" : $"unreliable ({report.UnreliableReason})";
}
