using System.Reflection;
using Meridian.Perf.Testing;
using Xunit.Sdk;

namespace Meridian.Perf.Xunit;

/// <summary>
/// Fails a <c>[Fact]</c> or <c>[Theory]</c> whose body allocates more than <see cref="MaxBytesPerCall"/> bytes per call
/// (none by default), in a test assembly that runs on <see cref="ZeroAllocTestFramework"/>.
/// </summary>
/// <remarks>
/// <para>xunit v2 gives attributes beside <c>[Fact]</c> no access to the test-class instance or the test's arguments,
/// so a plain <c>[ZeroAlloc]</c> needs the assembly to opt in to <see cref="ZeroAllocTestFramework"/> (set
/// <c>&lt;MeridianPerfTestFramework&gt;true&lt;/MeridianPerfTestFramework&gt;</c> in the test project). Without it, use
/// <see cref="ZeroAllocFactAttribute"/> and <see cref="ZeroAllocTheoryAttribute"/>; a plain <c>[ZeroAlloc]</c> then
/// fails its test with these instructions instead of being silently ignored.</para>
/// <para>The test first runs once as xunit runs it, with its assertions, exceptions, skips and async behaviour
/// unchanged; only when it passed is the body called again through a compiled delegate, on the same test-class
/// instance and with the same arguments, warmed up and measured exactly on the test's thread (see
/// <see cref="Allocations"/>). An over-budget body fails the test through xunit's normal failure path.</para>
/// <para>The body is called <see cref="WarmupCalls"/> + <see cref="Windows"/> × <see cref="CallsPerWindow"/> more
/// times on the same instance, so it must be idempotent. Wrap the code under test in <see cref="Allocations.Region"/> to
/// leave arrange and assert code (xunit's <c>Assert.Equal</c> allocates) out of the count.</para>
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
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

    /// <summary>Called by xunit only when the test is not run by Meridian's pipeline, which removes this attribute from the ones it calls.</summary>
    /// <param name="methodUnderTest">The test method.</param>
    /// <exception cref="InvalidOperationException">Always: the allocation check would otherwise be skipped without a word.</exception>
    public override void Before(MethodInfo methodUnderTest) =>
        throw new InvalidOperationException(
            $"[ZeroAlloc] on {methodUnderTest?.Name} is not measured: in xunit v2 it needs the test assembly to run on Meridian.Perf.Xunit.ZeroAllocTestFramework. " +
            "Set <MeridianPerfTestFramework>true</MeridianPerfTestFramework> in the test project, or replace [Fact]/[Theory] with [ZeroAllocFact]/[ZeroAllocTheory].");
}
