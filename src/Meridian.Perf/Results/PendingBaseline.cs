namespace Meridian.Perf.Results;

/// <summary>What a stored-baseline check has produced so far: its run, then its outcome (a check, or a failed comparison).</summary>
internal sealed class PendingBaseline(string key, string name, PendingBaseline? previous)
{
    public string Key { get; } = key;

    public string Name { get; } = name;

    public PendingBaseline? Previous { get; } = previous;

    public BenchResult? Run { get; set; }

    public BaselineCheck? Check { get; set; }

    public Comparison? Failure { get; set; }

    public bool Failed { get; set; }
}
