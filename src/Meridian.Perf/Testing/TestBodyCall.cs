using System.Reflection;

namespace Meridian.Perf.Testing;

/// <summary>
/// A test method as its framework ran it, for <see cref="TestBodyAllocations.AssertWithinBudget(IZeroAllocSettings, TestBodyCall)"/>:
/// the method, its instance and arguments, and what the framework itself means by cancelling a test or ending one as
/// passed. An adapter fills in what its framework has; every rule about using it lives in core.
/// </summary>
public sealed class TestBodyCall
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="testMethod">The test method; closed over its type arguments when generic.</param>
    public TestBodyCall(MethodInfo testMethod)
    {
        ArgumentNullException.ThrowIfNull(testMethod);
        TestMethod = testMethod;
    }

    /// <summary>Gets the test method.</summary>
    public MethodInfo TestMethod { get; }

    /// <summary>Gets the test-class instance the test ran on; ignored for a static method.</summary>
    public object? TestClassInstance { get; init; }

    /// <summary>Gets the arguments the test ran with; <see langword="null"/> or empty for none.</summary>
    /// <value>When the method's last parameter is a <see cref="CancellationToken"/> that the framework fills in itself
    /// (NUnit, TUnit), it may be left out: <see cref="Cancellation"/> is passed for it.</value>
    public IReadOnlyList<object?>? Arguments { get; init; }

    /// <summary>
    /// Gets the token the framework cancels when the test times out or the run is cancelled (NUnit's
    /// <c>TestContext.CurrentContext.CancellationToken</c> under <c>[CancelAfter]</c>, xunit v3's
    /// <c>TestContext.Current.CancellationToken</c>). When it is cancelled before or while the body is measured, the body
    /// may have taken its cancelled path, so no verdict is given: the test fails and says so.
    /// </summary>
    /// <value>Default <see cref="CancellationToken.None"/>.</value>
    public CancellationToken Cancellation { get; init; }

    /// <summary>
    /// Gets the test framework's rule for exceptions that end a test as passed (NUnit's <c>SuccessException</c>, thrown by
    /// <c>Assert.Pass()</c>): a call of the body that ends in one is a completed call, and what it allocated, the
    /// exception included, is counted like any other call's bytes.
    /// </summary>
    /// <value>Default <see langword="null"/>: every exception from the body is an error.</value>
    public Func<Exception, bool>? EndsAsPassed { get; init; }
}
