using System.Reflection;
using Meridian.Perf.Testing;
using Xunit;
using Xunit.v3;

namespace Meridian.Perf.Xunit.V3;

/// <summary>
/// Fails a <c>[Fact]</c> or <c>[Theory]</c> whose body allocates more than <see cref="MaxBytesPerCall"/> bytes per call
/// (none by default). The test first runs once as xunit runs it, with its assertions, exceptions, skips and async
/// behaviour unchanged; only when it passed is the body called again through a compiled delegate, on the same
/// test-class instance and with the same arguments, warmed up and measured exactly on the test's thread (see
/// <see cref="Allocations"/>). An over-budget body fails the test through xunit's normal failure path.
/// </summary>
/// <remarks>
/// <para>Put it beside the framework's own attribute: <c>[Fact, ZeroAlloc]</c>, <c>[Theory, ZeroAlloc]</c> with any
/// data source, including <c>MemberData</c> that is not serializable. It runs after the test method and before the
/// test class is disposed, when xunit has already decided whether the test passed.</para>
/// <para>xunit v3's <c>Timeout</c> also covers this measuring: give a test with a timeout room for
/// <see cref="WarmupCalls"/> + <see cref="Windows"/> × <see cref="CallsPerWindow"/> more calls of its body. When the
/// timeout runs out while measuring, the test fails with xunit's timeout message and no verdict on its allocations.</para>
/// <para>The body is called <see cref="WarmupCalls"/> + <see cref="Windows"/> × <see cref="CallsPerWindow"/> more
/// times on the same instance, so it must be idempotent. Wrap the code under test in <see cref="Allocations.Region"/> to
/// leave arrange and assert code (xunit's <c>Assert.Equal</c> allocates) out of the count.</para>
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class ZeroAllocAttribute : BeforeAfterTestAttribute, IZeroAllocSettings
{
    /// <summary>Gets or sets the allowed bytes per call of the body.</summary>
    /// <value>Default 0: no allocation at all.</value>
    public long MaxBytesPerCall { get; set; }

    /// <summary>Gets or sets the calls made before measuring, so that first-call costs are not counted.</summary>
    /// <value>Default 3; 0 or more.</value>
    public int WarmupCalls { get; set; } = AllocationOptions.Default.WarmupCalls;

    /// <summary>Gets or sets the number of measured windows; the test fails only when every window is over budget.</summary>
    /// <value>Default 5; 1 to 10 000 (<see cref="AllocationOptions.MaxWindows"/>).</value>
    public int Windows { get; set; } = AllocationOptions.Default.Windows;

    /// <summary>Gets or sets the calls in each window.</summary>
    /// <value>Default 100; 1 or more.</value>
    public int CallsPerWindow { get; set; } = AllocationOptions.Default.CallsPerWindow;

    /// <summary>Measures the body of a test that passed; called by xunit after the test method ran.</summary>
    /// <param name="methodUnderTest">The test method.</param>
    /// <param name="test">The test, with its arguments.</param>
    /// <exception cref="AllocationAssertionException">The body allocated more than allowed, or could not be measured reliably.</exception>
    public override void After(MethodInfo methodUnderTest, IXunitTest test)
    {
        ArgumentNullException.ThrowIfNull(methodUnderTest);
        ArgumentNullException.ThrowIfNull(test);

        // xunit records the test's provisional result before running After attributes: measure only a pass.
        if (TestContext.Current.TestState?.Result != TestResult.Passed)
        {
            return;
        }

        var cancellation = TestContext.Current.CancellationToken;
        try
        {
            TestBodyAllocations.AssertWithinBudget(this, new TestBodyCall(methodUnderTest)
            {
                TestClassInstance = TestContext.Current.TestClassInstance,
                Arguments = test.TestMethodArguments,
                Cancellation = cancellation,
            });
        }
        catch (AllocationAssertionException) when (test.Timeout > 0 && cancellation.IsCancellationRequested)
        {
            // xunit v3's Timeout covers After attributes too. When it runs out while the body is measured, xunit has
            // already failed the test with its timeout message and cancelled the token (which stopped the measuring); a
            // failure thrown after that is reported as a separate cleanup failure, which Microsoft.Testing.Platform's
            // TRX report cannot place.
        }
    }
}
