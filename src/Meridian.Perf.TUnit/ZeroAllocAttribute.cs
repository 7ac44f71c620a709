using Meridian.Perf.Testing;
using TUnit.Core;
using TUnit.Core.Interfaces;

namespace Meridian.Perf.TUnit;

/// <summary>
/// Fails a TUnit test whose body allocates more than <see cref="MaxBytesPerCall"/> bytes per call (none by default).
/// The test first runs once as TUnit runs it, with its hooks, assertions, exceptions, skips and async behaviour
/// unchanged; only when it completed without an exception is the body called again through a compiled delegate, on the
/// same test-class instance and with the same arguments, warmed up and measured exactly on one thread (see
/// <see cref="Allocations"/>). An over-budget body fails the test through TUnit's normal failure path.
/// </summary>
/// <remarks>
/// <para>Put it beside <c>[Test]</c>: <c>[Test, ZeroAlloc]</c>, with <c>[Arguments]</c>, <c>[MethodDataSource]</c> or any
/// other data source, sync or async, in TUnit's source-generated mode as in its reflection mode. It installs a TUnit test
/// executor (<see cref="ITestExecutor"/>) that wraps whichever executor the test already has (for example
/// <c>[STAThreadExecutor]</c> or <c>[TestExecutor&lt;T&gt;]</c>), so the measurement runs after the method, before
/// <c>[After(Test)]</c> hooks and disposal, inside the test's timeout.</para>
/// <para>The body is called <see cref="WarmupCalls"/> + <see cref="Windows"/> × <see cref="CallsPerWindow"/> more
/// times on the same instance, so it must be idempotent. Wrap the code under test in <see cref="Allocations.Region"/> to
/// leave arrange and assert code (TUnit's assertions allocate) out of the count.</para>
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class ZeroAllocAttribute : Attribute, ITestRegisteredEventReceiver, ITestEndEventReceiver, IZeroAllocSettings
{
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

    /// <summary>Gets the order among TUnit's event receivers: last, so that the executor installed here wraps any other.</summary>
    public int Order => int.MaxValue;

    /// <summary>Installs the measuring executor around the test's own one; called by TUnit when the test is registered.</summary>
    /// <param name="context">TUnit's registration context.</param>
    /// <returns>A completed task.</returns>
    public ValueTask OnTestRegistered(TestRegisteredContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.SetTestExecutor(new ZeroAllocTestExecutor(this, context.DiscoveredTest.TestExecutor));
        return default;
    }

    /// <summary>
    /// Fails a test that passed without being measured (another executor replaced this one after registration): a
    /// [ZeroAlloc] test never passes silently. Called by TUnit when the test ended.
    /// </summary>
    /// <param name="context">TUnit's test context.</param>
    /// <returns>A completed task.</returns>
    public ValueTask OnTestEnd(TestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Execution.Result?.State == TestState.Passed && !ZeroAllocTestExecutor.WasMeasured(context))
        {
            context.Execution.OverrideResult(
                TestState.Failed,
                $"[ZeroAlloc] did not measure {context.Metadata.TestDetails.MethodName}: the test passed, but another test executor replaced the one [ZeroAlloc] installs, so its body was never measured.");
        }

        return default;
    }
}
