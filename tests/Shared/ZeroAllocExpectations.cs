namespace Meridian.Perf.Testing.Fixtures;

/// <summary>
/// The parts of a [ZeroAlloc] failure message that every adapter must report through its framework unchanged: core's
/// first line (the verdict with the exact bytes) and the adapter line that says how the test was called again. Lines
/// in between (measurement mode, likely culprits) are core's and checked by core's own tests.
/// </summary>
internal static class ZeroAllocExpectations
{
    public const string ModeLine =
        "Optimized code measured (quick JIT off: methods are compiled optimized on their first call). Allocations on other threads are not counted.";

    public static string FirstLine(long bytesPerCall, long budget = 0) =>
        (budget == 0 ? "Expected no allocations" : $"Expected at most {budget} B per call") +
        $", but the body allocated {bytesPerCall} B per call (5 windows × 100 calls after 3 warm-up calls; every window over budget).";

    public static string LastLine(string method) =>
        $"The test passed when run once; [ZeroAlloc] then called {method} again through a compiled delegate with the same instance and arguments. " +
        "To leave arrange and assert code out of the count, wrap the code under test in Allocations.Region(); to allow some bytes, set MaxBytesPerCall.";

    /// <summary>Asserts that <paramref name="result"/> failed over budget with exactly <paramref name="bytesPerCall"/> bytes per call.</summary>
    /// <param name="result">The result.</param>
    /// <param name="bytesPerCall">The exact bytes per call the message must give.</param>
    /// <param name="method">The test method's name.</param>
    /// <param name="budget">The test's MaxBytesPerCall.</param>
    /// <param name="frameworkPrefix">What the framework puts before an exception's message (xunit: its type).</param>
    /// <param name="lastLine">The adapter's last line, when it is not <see cref="LastLine"/> (MSTest measures a new instance).</param>
    public static void FailedWith(TrxResult result, long bytesPerCall, string method, long budget = 0, string frameworkPrefix = "", string? lastLine = null)
    {
        Assert.True(result.Outcome == "Failed", $"{result.TestName} should have failed but was {result.Outcome}.");
        var lines = Lines(result.Message);
        Assert.Equal(frameworkPrefix + FirstLine(bytesPerCall, budget), lines[0]);
        Assert.Contains(ModeLine, lines);
        Assert.Equal(lastLine ?? LastLine(method), lines[^1]);
    }

    /// <summary>Asserts that an async body whose work left the measuring thread failed as unreliable, never passed.</summary>
    public static void FailedAsUnreliable(TrxResult result, string frameworkPrefix = "")
    {
        Assert.Equal("Failed", result.Outcome);
        Assert.StartsWith(frameworkPrefix + "Expected no allocations, but the measurement is unreliable: work left the measuring thread", result.Message, StringComparison.Ordinal);
    }

    /// <summary>Asserts that an async body that suspends was measured on the single-thread pump (and failed over budget).</summary>
    public static void FailedOnThePump(TrxResult result, string frameworkPrefix = "")
    {
        Assert.Equal("Failed", result.Outcome);
        Assert.StartsWith(frameworkPrefix + "Expected no allocations, but the body allocated ", result.Message, StringComparison.Ordinal);
        Assert.Contains("async body on a single-thread pump", result.Message, StringComparison.Ordinal);
    }

    /// <summary>Asserts that a body that throws when called again is reported as the body's error, not as a settings error.</summary>
    public static void FailedAsNotIdempotent(TrxResult result, string method, string frameworkPrefix = "")
    {
        Assert.Equal("Failed", result.Outcome);
        Assert.StartsWith(frameworkPrefix + $"[ZeroAlloc] could not measure {method}: the test passed when run once, but threw InvalidOperationException", result.Message, StringComparison.Ordinal);
    }

    public static void Passed(TrxResult result) =>
        Assert.True(result.Outcome == "Passed", $"{result.TestName} should have passed but was {result.Outcome}: {result.Message}");

    public static string[] Lines(string? message)
    {
        Assert.NotNull(message);
        return message.ReplaceLineEndings("\n").Trim().Split('\n');
    }
}
