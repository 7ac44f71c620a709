namespace Meridian.Perf;

/// <summary>How a warm-up ended: its length, whether the JIT went quiet and the speed settled before the cap (see <see cref="SteadyState"/>).</summary>
internal readonly record struct WarmupOutcome(TimeSpan Elapsed, bool JitQuiet, bool SpeedSettled, long CompiledMethods, TimeSpan QuietPeriod)
{
    /// <summary>Gets whether the warm-up ended on its own rule rather than on the cap.</summary>
    public bool Steady => JitQuiet && SpeedSettled;

    public string Describe() => Steady
        ? $"{TimeText.Seconds(Elapsed)} warm-up (until the JIT had compiled nothing for {TimeText.Seconds(QuietPeriod)} and the fastest batch stopped improving)"
        : $"{TimeText.Seconds(Elapsed)} warm-up (capped: {CapReason()}; tier-up may have happened during measurement)";

    /// <summary>What was still moving when the cap ended the warm-up.</summary>
    public string CapReason() => (JitQuiet, SpeedSettled) switch
    {
        (false, false) => $"the JIT was still compiling ({CompiledMethods} methods meanwhile, possibly for other threads) and the fastest batch was still improving",
        (false, true) => $"the JIT was still compiling, {CompiledMethods} methods meanwhile, possibly for other threads",
        _ => "the fastest batch was still improving by more than 5 % per window",
    };
}
