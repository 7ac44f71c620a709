namespace Meridian.Perf;

/// <summary>How a warm-up ended: its length, and whether the JIT went quiet before the cap.</summary>
internal readonly record struct WarmupOutcome(TimeSpan Elapsed, bool JitQuiet, long CompiledMethods)
{
    public string Describe() => JitQuiet
        ? $"{TimeText.Seconds(Elapsed)} warm-up (until the JIT compiled nothing new for the quiet period)"
        : $"{TimeText.Seconds(Elapsed)} warm-up (capped: the JIT was still compiling, {CompiledMethods} methods meanwhile, possibly for other threads; tier-up may have happened during measurement)";
}
