namespace Meridian.Perf.Testing.Fixtures;

/// <summary>
/// The rule every [ZeroAlloc] adapter keeps: every way a framework can end or shape a test either measures the body or
/// says why it did not — never a silent pass, never a false failure with someone else's message.
/// </summary>
/// <remarks>
/// <para>How an adapter uses it: its fixture project has a class <c>TestEndings</c> with one test per shape its framework
/// has, the method named as a key below (see tests/Fixtures/*/TestEndings.cs); its adapter test class lists those
/// names in a theory that calls <see cref="Check"/>: <see cref="Common"/> for the shapes every framework has, inline data
/// for its own. A shape that allocates does so by exactly 24 B per call (a boxed
/// int), so a measured test fails with that figure and an unmeasured one cannot pass unnoticed.</para>
/// <para>Shapes: <c>StaticAllocates</c>/<c>StaticEmpty</c> (static test methods), <c>GenericAllocates</c>/<c>GenericEmpty</c>
/// (generic theories: T = int / string), <c>OptionalParameterAllocates</c> (one argument given, a default used),
/// <c>ParamsArrayEmpty</c> (params int[] given 1, 2, 3), <c>AwaitsTaskDelay</c> (an async body too slow for culprit
/// sampling), <c>WindowsOutOfRange</c> (Windows = int.MaxValue), <c>MeasuringTimeIsInTheDuration</c> (a ~1 ms body:
/// the result's duration includes the re-calls), <c>TimeoutShorterThanMeasuring</c> (a 250 ms timeout, ~0.5 s of
/// re-calls), <c>UsesTheTestCancellationToken</c>, and the framework-specific endings: <c>EndsWithPass</c>,
/// <c>EndsWithPassUncounted</c>, <c>EndsWithPassAfterCleanRegion</c> (a pass exception such as NUnit's Assert.Pass),
/// <c>RepeatedAllocates</c>/<c>RepeatedEmpty</c>, <c>RetriedAllocates</c>, <c>TokenParameterAllocates</c>/
/// <c>TokenParameterEmpty</c>/<c>TokenAfterArgumentEmpty</c> (a CancellationToken parameter the framework fills in),
/// <c>CancelledWhileMeasured</c> (a 100 ms cancel-after timeout that runs out while measuring),
/// <c>MaxTimeShorterThanMeasuring</c>, <c>ExpectedResultAllocates</c>, <c>GenericFixtureAllocates</c> (a test in a
/// generic fixture class), <c>Warned</c>, <c>Inconclusive</c>,
/// <c>SkippedByExceptionType</c>, <c>AsyncVoidAllocates</c>.</para>
/// </remarks>
public static class TestEndingShapes
{
    private const int BoxedInt = 24;

    private static readonly Dictionary<string, Action<TrxResult, string, string>> s_expectations = new()
    {
        ["StaticAllocates"] = MeasuredOverBudget,
        ["GenericAllocates"] = MeasuredOverBudget,
        ["OptionalParameterAllocates"] = MeasuredOverBudget,
        ["RepeatedAllocates"] = MeasuredOverBudget,
        ["RetriedAllocates"] = MeasuredOverBudget,
        ["TokenParameterAllocates"] = MeasuredOverBudget,
        ["ExpectedResultAllocates"] = MeasuredOverBudget,
        ["GenericFixtureAllocates"] = MeasuredOverBudget,
        ["StaticEmpty"] = Passed,
        ["GenericEmpty"] = Passed,
        ["ParamsArrayEmpty"] = Passed,
        ["RepeatedEmpty"] = Passed,
        ["TokenParameterEmpty"] = Passed,
        ["TokenAfterArgumentEmpty"] = Passed,
        ["EndsWithPassAfterCleanRegion"] = Passed,
        ["MaxTimeShorterThanMeasuring"] = Passed,
        ["TimeoutShorterThanMeasuring"] = Passed,
        ["UsesTheTestCancellationToken"] = Passed,
        ["EndsWithPass"] = (result, _, _) =>
        {
            // Measured: the region's boxed int is counted; the pass exception thrown after it is not.
            Failed(result);
            Assert.Contains($"Expected no allocations, but the body allocated {BoxedInt} B per call (Allocations.Region() blocks only, 5 windows × 100 calls", result.Message, StringComparison.Ordinal);
        },
        ["EndsWithPassUncounted"] = (result, _, _) =>
        {
            // Measured: the pass exception is what the body allocates, and the message says so.
            Failed(result);
            Assert.Contains("Expected no allocations, but the body allocated ", result.Message, StringComparison.Ordinal);
            Assert.Contains("the framework's way to end a test as passed", result.Message, StringComparison.Ordinal);
        },
        ["CancelledWhileMeasured"] = (result, method, prefix) => FailedStartingWith(
            result,
            prefix + $"[ZeroAlloc] could not measure {method}: the test's cancellation token was cancelled "),
        ["WindowsOutOfRange"] = (result, method, prefix) => FailedStartingWith(
            result,
            prefix + $"[ZeroAlloc] could not measure {method}: Windows must be from 1 to 10000"),
        ["AwaitsTaskDelay"] = (result, _, prefix) =>
        {
            // Measured exactly (~376 B per call on .NET 10), but ~1 ms per call gives the ~100 KB sampler a sample or two
            // a second: no per-type byte figures from so few, and never a bare "none caught".
            FailedStartingWith(result, prefix + "Expected no allocations, but the body allocated ");
            var sources = ZeroAllocExpectations.Lines(result.Message).Single(line => line.StartsWith("Likely sources", StringComparison.Ordinal));
            Assert.StartsWith("Likely sources: too few allocation samples to estimate bytes per type (", sources, StringComparison.Ordinal);
            Assert.DoesNotContain("B/call", sources, StringComparison.Ordinal);
            Assert.Matches(@"that takes ~\d+ s of CulpritSamplingTime\.$", sources);
        },
        ["MeasuringTimeIsInTheDuration"] = (result, _, _) =>
        {
            // 3 warm-up + 500 measured calls of Thread.Sleep(1) (at least 1 ms each) cannot take less than 0.5 s.
            Passed(result, string.Empty, string.Empty);
            Assert.True(result.Duration >= TimeSpan.FromSeconds(0.5), $"{result.TestName} reported {result.Duration}, less than its ~500 re-calls of 1 ms took.");
        },
        ["Warned"] = (result, method, _) =>
        {
            Assert.NotEqual("Passed", result.Outcome);
            Assert.Contains($"[ZeroAlloc] did not measure {method}: it ended with a warning, and only a test that passed is measured.", result.Message, StringComparison.Ordinal);
        },
        ["AsyncVoidAllocates"] = (result, method, prefix) => FailedStartingWith(
            result,
            prefix + $"[ZeroAlloc] could not measure {method}: The test method {method} is async void, so a call cannot be awaited"),
        ["Inconclusive"] = (result, _, _) => NotExecuted(result, "inconclusive on purpose"),
        ["SkippedByExceptionType"] = (result, _, _) => NotExecuted(result, "skipped by its exception type"),
    };

    /// <summary>Gets the name of every shape the rule knows.</summary>
    public static IReadOnlyCollection<string> Names => s_expectations.Keys;

    /// <summary>Gets the shapes every framework has: each adapter's fixture implements all of them (theory data for <see cref="Check"/>).</summary>
    public static TheoryData<string> Common =>
    [
        "StaticAllocates",
        "StaticEmpty",
        "GenericAllocates",
        "GenericEmpty",
        "OptionalParameterAllocates",
        "ParamsArrayEmpty",
        "AwaitsTaskDelay",
        "WindowsOutOfRange",
        "MeasuringTimeIsInTheDuration",
    ];

    /// <summary>Checks the fixture's result for <paramref name="shape"/> against the rule.</summary>
    /// <param name="results">The fixture's results, as a real runner wrote them (<see cref="FixtureRun.Results"/>, or any TRX read with <see cref="TrxReader"/>).</param>
    /// <param name="testNamePrefix">What the runner puts before the method name in a result's name (xunit: namespace and class).</param>
    /// <param name="exceptionPrefix">What the framework puts before an exception's message (xunit: its type).</param>
    /// <param name="shape">The shape, which is also the fixture method's name.</param>
    public static void Check(IEnumerable<TrxResult> results, string testNamePrefix, string exceptionPrefix, string shape)
    {
        Assert.True(s_expectations.TryGetValue(shape, out var expectation), $"Unknown shape {shape}.");
        string name = testNamePrefix + shape;
        var matches = results.Where(r => r.TestName == name || r.TestName.StartsWith(name + "(", StringComparison.Ordinal) || r.TestName.StartsWith(name + "<", StringComparison.Ordinal)).ToList();
        Assert.True(matches.Count == 1, $"Expected one result for {name}, found {matches.Count}.");
        expectation(matches[0], shape, exceptionPrefix);
    }

    private static void MeasuredOverBudget(TrxResult result, string method, string prefix) =>
        ZeroAllocExpectations.FailedWith(result, BoxedInt, method, frameworkPrefix: prefix);

    private static void Passed(TrxResult result, string method, string prefix) => ZeroAllocExpectations.Passed(result);

    private static void Failed(TrxResult result) =>
        Assert.True(result.Outcome == "Failed", $"{result.TestName} should have failed but was {result.Outcome}: {result.Message}");

    private static void FailedStartingWith(TrxResult result, string start)
    {
        Failed(result);
        Assert.StartsWith(start, result.Message, StringComparison.Ordinal);
    }

    private static void NotExecuted(TrxResult result, string reason)
    {
        Assert.Equal("NotExecuted", result.Outcome);
        Assert.Equal(reason, result.Message?.Trim());
    }
}
