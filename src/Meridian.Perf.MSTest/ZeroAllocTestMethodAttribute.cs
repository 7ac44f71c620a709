using System.Diagnostics;
using System.Runtime.CompilerServices;
using Meridian.Perf.Testing;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Meridian.Perf.MSTest;

/// <summary>
/// Marks a test method, like <see cref="TestMethodAttribute"/>, that fails when its body allocates more than
/// <see cref="MaxBytesPerCall"/> bytes per call (none by default). The test first runs once exactly as MSTest runs it
/// (constructor, <c>[TestInitialize]</c>, the method, <c>[TestCleanup]</c>, timeouts, assertions, exceptions,
/// <c>Assert.Inconclusive</c>); only when it passed is the body measured: on a new instance of the test class prepared
/// the same way (constructor, <c>TestContext</c> property, <c>[TestInitialize]</c>), the method is called through a
/// compiled delegate with the same arguments, warmed up and measured exactly on one thread (see <see cref="Allocations"/>),
/// then <c>[TestCleanup]</c> and disposal run. Initialization and cleanup are never counted.
/// </summary>
/// <remarks>
/// <para>Use it instead of <c>[TestMethod]</c>: <c>[ZeroAllocTestMethod]</c>, with <c>[DataRow]</c> or
/// <c>[DynamicData]</c> for data-driven tests, sync or async. MSTest gives an attribute beside <c>[TestMethod]</c> no way
/// to reach the test's instance or arguments; a <see cref="TestMethodAttribute"/> subclass runs the test itself.</para>
/// <para>An over-budget body turns the passed result into a failed one whose exception is the
/// <see cref="AllocationAssertionException"/> with the measured bytes and likely culprits. Any other outcome (failed,
/// inconclusive, timed out) is left exactly as MSTest reported it.</para>
/// <para>The body is called <see cref="WarmupCalls"/> + <see cref="Windows"/> × <see cref="CallsPerWindow"/> more
/// times on that instance, so it must be idempotent. Wrap the code under test in <see cref="Allocations.Region"/> to
/// leave arrange and assert code (MSTest's <c>Assert.AreEqual</c> allocates) out of the count.</para>
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class ZeroAllocTestMethodAttribute : TestMethodAttribute, IZeroAllocSettings
{
    /// <summary>Initializes a new instance of the <see cref="ZeroAllocTestMethodAttribute"/> class.</summary>
    /// <param name="callerFilePath">The file that declares the test; filled in by the compiler.</param>
    /// <param name="callerLineNumber">The line that declares the test; filled in by the compiler.</param>
    public ZeroAllocTestMethodAttribute([CallerFilePath] string callerFilePath = "", [CallerLineNumber] int callerLineNumber = -1)
        : base(callerFilePath, callerLineNumber)
    {
    }

    /// <summary>Gets or sets the allowed bytes per call of the body.</summary>
    /// <value>Default 0: no allocation at all.</value>
    public long MaxBytesPerCall { get; set; }

    /// <summary>Gets or sets the calls made before measuring, so that first-call costs are not counted.</summary>
    /// <value>Default 3; 0 or more.</value>
    public int WarmupCalls { get; set; } = AllocationOptions.Default.WarmupCalls;

    /// <summary>Gets or sets the number of measured windows; the test fails only when every window is over budget.</summary>
    /// <value>Default 5; 1 or more.</value>
    public int Windows { get; set; } = AllocationOptions.Default.Windows;

    /// <summary>Gets or sets the calls in each window.</summary>
    /// <value>Default 100; 1 or more.</value>
    public int CallsPerWindow { get; set; } = AllocationOptions.Default.CallsPerWindow;

    /// <summary>Runs the test as MSTest does and, when it passed, measures its body.</summary>
    /// <param name="testMethod">The test method, with the data row's arguments for a data-driven test.</param>
    /// <returns>MSTest's results, with a pass turned into a failure when the body allocated more than allowed.</returns>
    public override async Task<TestResult[]> ExecuteAsync(ITestMethod testMethod)
    {
        ArgumentNullException.ThrowIfNull(testMethod);
        TestResult[] results = await base.ExecuteAsync(testMethod).ConfigureAwait(false);
        foreach (TestResult result in results)
        {
            if (result.Outcome == UnitTestOutcome.Passed)
            {
                await MeasureAsync(testMethod, result).ConfigureAwait(false);
            }
        }

        return results;
    }

    // Core's message says the body was called "with the same instance"; here it is a new instance, prepared like the first.
    private static AllocationAssertionException OnNewInstance(AllocationAssertionException failure)
    {
        const string SameInstance = "with the same instance and arguments";
        if (!failure.Message.Contains(SameInstance, StringComparison.Ordinal))
        {
            return failure;
        }

        string message = failure.Message.Replace(SameInstance, "on a new instance of the test class (constructor and [TestInitialize] run again, not counted) with the same arguments", StringComparison.Ordinal);
        return failure.Report is { } report
            ? new AllocationAssertionException(message, report) { SampledAllocations = failure.SampledAllocations }
            : new AllocationAssertionException(message, failure.InnerException ?? failure);
    }

    private async Task MeasureAsync(ITestMethod testMethod, TestResult result)
    {
        // The result's duration covers the measurement too, so a slow [ZeroAllocTestMethod] shows as slow.
        long started = Stopwatch.GetTimestamp();
        try
        {
            await MeasureCoreAsync(testMethod, result).ConfigureAwait(false);
        }
        finally
        {
            result.Duration += Stopwatch.GetElapsedTime(started);
        }
    }

    private async Task MeasureCoreAsync(ITestMethod testMethod, TestResult result)
    {
        TestClassLifecycle? lifecycle = null;
        try
        {
            lifecycle = await TestClassLifecycle.StartAsync(testMethod).ConfigureAwait(false);
            TestBodyAllocations.AssertWithinBudget(this, lifecycle.Instance, lifecycle.Method, testMethod.Arguments);
        }
        catch (AllocationAssertionException failure)
        {
            Fail(result, OnNewInstance(failure));
        }
        catch (Exception unexpected)
        {
            Fail(result, CouldNotMeasure(testMethod, unexpected));
        }

        if (lifecycle is null)
        {
            return;
        }

        try
        {
            await lifecycle.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception failure)
        {
            // A measurement failure already recorded stays the reported one.
            if (result.Outcome == UnitTestOutcome.Passed)
            {
                Fail(result, failure as AllocationAssertionException ?? CouldNotMeasure(testMethod, failure));
            }
        }
    }

    private static void Fail(TestResult result, AllocationAssertionException failure)
    {
        result.Outcome = UnitTestOutcome.Failed;
        result.TestFailureException = failure;
    }

    private static AllocationAssertionException CouldNotMeasure(ITestMethod testMethod, Exception error) =>
        new($"[ZeroAllocTestMethod] could not measure {testMethod.TestMethodName}: the test passed when run once, but preparing the measurement threw {error.GetType().Name} ({error.Message}).", error);
}
