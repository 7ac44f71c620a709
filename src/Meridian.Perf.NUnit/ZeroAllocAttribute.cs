using Meridian.Perf.Testing;
using NUnit.Framework;
using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal.Commands;

namespace Meridian.Perf.NUnit;

/// <summary>
/// Fails a test whose body allocates more than <see cref="MaxBytesPerCall"/> bytes per call (none by default).
/// The test first runs once as usual, with its SetUp, assertions, exceptions and async behaviour exactly as NUnit
/// defines them; only when it passed is the body called again through a compiled delegate, on the same instance and
/// with the same arguments, warmed up and measured exactly on the test's thread (see <see cref="Allocations"/>).
/// </summary>
/// <remarks>
/// <para>Works with <c>[Test]</c>, <c>[TestCase]</c> and <c>[TestCaseSource]</c>, sync and async. The body is called
/// <see cref="WarmupCalls"/> + <see cref="Windows"/> × <see cref="CallsPerWindow"/> more times without SetUp or
/// TearDown in between, so it must be idempotent. Wrap the code under test in <see cref="Allocations.Region"/> to leave
/// arrange and assert code out of the count.</para>
/// <para>Only the test method is wrapped, inside SetUp and TearDown; the verdict only ever turns a pass into a
/// failure.</para>
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class ZeroAllocAttribute : NUnitAttribute, IWrapTestMethod, IZeroAllocSettings
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

    /// <summary>Wraps the test method's command so that a passing test is then measured.</summary>
    /// <param name="command">NUnit's command that runs the test method.</param>
    /// <returns>The wrapping command.</returns>
    public TestCommand Wrap(TestCommand command) => new ZeroAllocCommand(command, this);
}
