using Meridian.Perf.Testing;
using Xunit;
using Xunit.Sdk;

namespace Meridian.Perf.Xunit;

/// <summary>
/// A <c>[Theory]</c> whose every data row fails when the body allocates more than <see cref="MaxBytesPerCall"/> bytes
/// per call (none by default). Works with every data source, including <c>MemberData</c> that is not serializable.
/// </summary>
/// <remarks>
/// <para>The test first runs once as xunit runs it, with its assertions, exceptions, skips and async behaviour
/// unchanged; only when it passed is the body called again through a compiled delegate, on the same test-class
/// instance and with the same arguments, warmed up and measured exactly on the test's thread (see
/// <see cref="Allocations"/>). An over-budget body fails the test through xunit's normal failure path.</para>
/// <para>The body is called <see cref="WarmupCalls"/> + <see cref="Windows"/> × <see cref="CallsPerWindow"/> more
/// times on the same instance, so it must be idempotent. Wrap the code under test in <see cref="Allocations.Region"/> to
/// leave arrange and assert code (xunit's <c>Assert.Equal</c> allocates) out of the count.</para>
/// </remarks>
[XunitTestCaseDiscoverer("Meridian.Perf.Xunit.ZeroAllocTheoryDiscoverer", "Meridian.Perf.Xunit")]
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class ZeroAllocTheoryAttribute : TheoryAttribute, IZeroAllocSettings
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
}
