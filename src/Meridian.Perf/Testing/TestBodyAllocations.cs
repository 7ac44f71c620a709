using System.Globalization;
using System.Reflection;

namespace Meridian.Perf.Testing;

/// <summary>
/// The one entry point test-framework adapters use to check a <c>[ZeroAlloc]</c> test: after the test has run once
/// normally and passed, its body is called again through a compiled delegate (never <see cref="MethodBase.Invoke(object?, object?[])"/>,
/// which allocates) with the same test-class instance and arguments, warmed up and measured by
/// <see cref="Allocations"/>' rules.
/// </summary>
/// <remarks>The body is called many more times than once, so it must be idempotent: the same instance and arguments
/// must give the same work on every call.</remarks>
public static class TestBodyAllocations
{
    /// <summary>Measures the test method's body per call and fails when it allocates more than the settings allow.</summary>
    /// <param name="settings">The budget and measurement settings, usually the test's attribute.</param>
    /// <param name="testClassInstance">The test-class instance the test ran on; <see langword="null"/> for a static method.</param>
    /// <param name="testMethod">The test method; closed over its type arguments when generic.</param>
    /// <param name="arguments">The arguments the test ran with; <see langword="null"/> or empty for none.</param>
    /// <returns>The measurement, when within budget.</returns>
    /// <exception cref="AllocationAssertionException">The body allocated more than the budget in every window, its
    /// allocations could not be measured reliably (work left the measuring thread), a setting is out of range, or the body
    /// threw when called again (the inner exception says what).</exception>
    public static AllocationReport AssertWithinBudget(IZeroAllocSettings settings, object? testClassInstance, MethodInfo testMethod, object?[]? arguments)
    {
        ArgumentNullException.ThrowIfNull(testMethod);
        return AssertWithinBudget(settings, new TestBodyCall(testMethod) { TestClassInstance = testClassInstance, Arguments = arguments });
    }

    /// <summary>
    /// Measures the test method's body per call and fails when it allocates more than the settings allow, honouring what
    /// the framework means by cancelling a test and by ending one as passed (see <see cref="TestBodyCall"/>).
    /// </summary>
    /// <param name="settings">The budget and measurement settings, usually the test's attribute.</param>
    /// <param name="call">The test method as the framework ran it.</param>
    /// <returns>The measurement, when within budget.</returns>
    /// <exception cref="AllocationAssertionException">The body allocated more than the budget in every window, its
    /// allocations could not be measured reliably (work left the measuring thread, or the test's cancellation token was
    /// cancelled), a setting is out of range, or the body threw when called again (the inner exception says what).</exception>
    public static AllocationReport AssertWithinBudget(IZeroAllocSettings settings, TestBodyCall call)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(call);
        var testMethod = call.TestMethod;
        AllocationOptions options;
        TestBodyDelegate body;
        try
        {
            ArgumentOutOfRangeException.ThrowIfNegative(settings.MaxBytesPerCall, nameof(settings.MaxBytesPerCall));
            options = ToOptions(settings);
            body = TestBodyDelegate.Create(call.TestClassInstance, testMethod, call.Arguments?.ToArray(), call.Cancellation);
        }
        catch (ArgumentException invalid)
        {
            throw new AllocationAssertionException($"[ZeroAlloc] could not measure {testMethod.Name}: {invalid.Message}", invalid);
        }

        ThrowIfCancelled(call, testMethod, "before [ZeroAlloc] could call it again");
        var endingRules = new TestEndingRules(call.EndsAsPassed, call.Cancellation);
        using var results = Results.ResultsSink.BeginZeroAllocTest(testMethod, call.Arguments);

        // From here on, an exception other than the verdict is the test body's own (an ArgumentException included).
        AllocationReport report;
        try
        {
            report = body.AssertAtMost(settings.MaxBytesPerCall, options, endingRules);
        }
        catch (AllocationAssertionException verdict) when (verdict.Report is { } measured)
        {
            ThrowIfCancelled(call, testMethod, "while [ZeroAlloc] was calling it again");
            throw new AllocationAssertionException(verdict.Message + Environment.NewLine + HowTheTestWasMeasured(testMethod, measured.IsReliable, endingRules), measured)
            {
                SampledAllocations = verdict.SampledAllocations,
            };
        }
        catch (Exception error) when (error is not AllocationAssertionException)
        {
            ThrowIfCancelled(call, testMethod, "while [ZeroAlloc] was calling it again");
            throw new AllocationAssertionException(ThrewWhenCalledAgain(testMethod, error), error);
        }

        ThrowIfCancelled(call, testMethod, "while [ZeroAlloc] was calling it again");
        return report;
    }

    /// <summary>Finds the <see cref="IZeroAllocSettings"/> attribute on a test method, if it has one.</summary>
    /// <param name="testMethod">The test method.</param>
    /// <returns>The attribute, or <see langword="null"/>.</returns>
    public static IZeroAllocSettings? FindSettings(MethodInfo testMethod)
    {
        ArgumentNullException.ThrowIfNull(testMethod);
        foreach (object attribute in testMethod.GetCustomAttributes(inherit: true))
        {
            if (attribute is IZeroAllocSettings settings)
            {
                return settings;
            }
        }

        return null;
    }

    internal static AllocationOptions ToOptions(IZeroAllocSettings settings) => new()
    {
        WarmupCalls = settings.WarmupCalls,
        Windows = settings.Windows,
        CallsPerWindow = settings.CallsPerWindow,
    };

    private static string ThrewWhenCalledAgain(MethodInfo testMethod, Exception error) =>
        $"[ZeroAlloc] could not measure {testMethod.Name}: the test passed when run once, but threw {error.GetType().Name} when called again ({error.Message}). " +
        "A test measured by [ZeroAlloc] is called hundreds of times on the same instance with the same arguments, so it must be idempotent.";

    // A body whose token was cancelled may have taken its cancelled path (returned early, skipped work): its bytes are
    // not the test's, so no verdict either way.
    private static void ThrowIfCancelled(TestBodyCall call, MethodInfo testMethod, string when)
    {
        if (call.Cancellation.IsCancellationRequested)
        {
            throw new AllocationAssertionException(
                $"[ZeroAlloc] could not measure {testMethod.Name}: the test's cancellation token was cancelled {when} (its timeout, such as [CancelAfter], " +
                "also runs while the body is called again, or the test run was cancelled), so the body may have taken its cancelled path. No verdict is given. " +
                "Allow more time, or lower Windows and CallsPerWindow.");
        }
    }

    private static string HowTheTestWasMeasured(MethodInfo testMethod, bool reliable, TestEndingRules endingRules)
    {
        string how = string.Create(
            CultureInfo.InvariantCulture,
            $"The test passed when run once; [ZeroAlloc] then called {testMethod.Name} again through a compiled delegate with the same instance and arguments.");
        if (endingRules.LastType is { } passed)
        {
            how += $" Calls ended by throwing {passed.Name}, the framework's way to end a test as passed (such as NUnit's Assert.Pass()): throwing it allocates, and that is counted.";
        }

        return reliable
            ? how + " To leave arrange and assert code out of the count, wrap the code under test in Allocations.Region(); to allow some bytes, set MaxBytesPerCall."
            : how;
    }
}
