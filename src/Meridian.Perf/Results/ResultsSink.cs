using System.Reflection;
using System.Runtime.CompilerServices;

namespace Meridian.Perf.Results;

/// <summary>
/// Where the library's measurements report to the results file (see <see cref="PerfResults"/>). Every hook is one
/// line at the point a result is produced and costs one test of <see cref="IsEnabled"/> when results are off.
/// </summary>
internal static class ResultsSink
{
    public const string FolderVariable = "MERIDIAN_PERF_RESULTS";

    /// <summary>The runtimeconfig property the MSBuild property <c>MeridianPerfResults</c> writes.</summary>
    public const string FolderSwitch = "Meridian.Perf.Results";

    private static readonly ResultsFile? File = ResolveFolder(Environment.GetEnvironmentVariable, AppContext.GetData) is { } folder ? new ResultsFile(folder) : null;

    /// <summary>Whether this process records results (read once).</summary>
    public static readonly bool IsEnabled = File is not null;

    [ThreadStatic]
    private static PendingBaseline? _baseline;

    [ThreadStatic]
    private static string? _zeroAllocTest;

    public static string? FilePath => File?.FilePath;

    /// <summary>The folder asked for: the environment variable first, then the runtimeconfig property; null when neither is set.</summary>
    internal static string? ResolveFolder(Func<string, string?> environment, Func<string, object?> appContext)
    {
        string? folder = environment(FolderVariable);
        if (string.IsNullOrWhiteSpace(folder))
        {
            folder = appContext(FolderSwitch) as string;
        }

        return string.IsNullOrWhiteSpace(folder) ? null : folder.Trim();
    }

    /// <summary>Hook: a <c>Bench.Run</c> result (inside a stored-baseline check it is kept for the check's record).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static BenchResult Recorded(BenchResult run)
    {
        if (IsEnabled)
        {
            OnBench(run);
        }

        return run;
    }

    /// <summary>Hook: a <c>Bench.Compare</c> result.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Comparison Recorded(Comparison comparison)
    {
        if (IsEnabled)
        {
            OnCompare(comparison);
        }

        return comparison;
    }

    /// <summary>Hook: an allocation measurement, with its budget when it was an assertion (before the verdict throws).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Recorded(AllocationReport report, long? budget)
    {
        if (IsEnabled)
        {
            OnAllocations(report, budget);
        }
    }

    /// <summary>Hook: the outcome of a stored-baseline check that did not fail (see <see cref="BeginBaselineCheck"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Recorded(BaselineCheck check)
    {
        if (IsEnabled && _baseline is { } pending)
        {
            pending.Check = check;
        }
    }

    /// <summary>Hook: a failed timing assertion; inside a stored-baseline check it is the check's outcome.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Failed(Comparison? comparison)
    {
        if (IsEnabled && _baseline is { } pending)
        {
            pending.Failed = true;
            pending.Failure ??= comparison;
        }
    }

    /// <summary>Hook: starts a stored-baseline check; its run and outcome become one <c>baseline</c> record when disposed.</summary>
    public static BaselineScope BeginBaselineCheck(string key)
    {
        if (!IsEnabled)
        {
            return default;
        }

        var pending = new PendingBaseline(key, ResultLabel.Current?.Name ?? ResultNames.FromCaller() + "/" + key, _baseline);
        _baseline = pending;
        return new BaselineScope(pending);
    }

    /// <summary>Hook: a <c>[ZeroAlloc]</c> test is being measured; its allocation result is named after the test.</summary>
    public static ZeroAllocScope BeginZeroAllocTest(MethodInfo method, IReadOnlyList<object?>? arguments)
    {
        if (!IsEnabled)
        {
            return default;
        }

        string? previous = _zeroAllocTest;
        _zeroAllocTest = ResultNames.ForTest(method, arguments);
        return new ZeroAllocScope(previous);
    }

    internal static void EndZeroAllocTest(string? previous) => _zeroAllocTest = previous;

    internal static void EndBaselineCheck(PendingBaseline pending)
    {
        _baseline = pending.Previous;
        if (pending.Run is { } run)
        {
            Write(pending.Name, (name, sequence) => ResultRecords.Baseline(name, pending, run, ResultLabel.Current, Context(sequence)));
        }
    }

    // The hooks above only test IsEnabled: a lambda that captures a parameter makes the compiler allocate its closure on
    // entry to the method that declares the parameter, so every capture lives in these methods, reached only when on.
    private static void OnCompare(Comparison comparison) =>
        Write(ResultNames.FromCaller(), (name, sequence) => ResultRecords.Compare(name, comparison, ResultLabel.Current, Context(sequence)));

    private static void OnAllocations(AllocationReport report, long? budget)
    {
        string kind = _zeroAllocTest is null ? "allocations" : "zero-alloc";
        Write(_zeroAllocTest ?? ResultNames.FromCaller(), (name, sequence) => ResultRecords.Allocations(kind, name, report, budget, Context(sequence)));
    }

    private static void OnBench(BenchResult run)
    {
        if (_baseline is { Run: null } pending)
        {
            pending.Run = run;
            return;
        }

        var label = ResultLabel.Current;
        Write(label?.Name ?? ResultNames.FromCaller(), (name, sequence) => ResultRecords.Bench(name, run, label, Context(sequence)));
    }

    private static void Write(string name, Func<string, long, ResultRecord> build)
    {
        string labelled = ResultLabel.Current?.Name ?? name;
        File!.Write(labelled, build);
    }

    private static RecordContext Context(long sequence) => new(File!.Run, sequence);
}
