namespace Meridian.Perf.Testing.Fixtures;

/// <summary>One test's result as a real runner wrote it to a TRX file.</summary>
public sealed record TrxResult(string TestName, string Outcome, TimeSpan Duration, string? Message, string? StackTrace, string? Output);
