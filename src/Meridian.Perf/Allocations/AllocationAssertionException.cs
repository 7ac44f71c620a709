namespace Meridian.Perf;

/// <summary>
/// Thrown by <see cref="Allocations.AssertNone(Action, AllocationOptions?)"/> and
/// <see cref="Allocations.AssertAtMost(long, Action, AllocationOptions?)"/> when a body allocates more than allowed,
/// or when its allocations could not be measured reliably. Test frameworks report it as an ordinary failure.
/// </summary>
public sealed class AllocationAssertionException : Exception
{
    /// <summary>Initializes a new instance with a message.</summary>
    /// <param name="message">What was measured and why it failed.</param>
    public AllocationAssertionException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance with a message and the measurement behind it.</summary>
    /// <param name="message">What was measured and why it failed.</param>
    /// <param name="report">The measurement.</param>
    public AllocationAssertionException(string message, AllocationReport report)
        : base(message) => Report = report;

    /// <summary>Initializes a new instance with no message.</summary>
    public AllocationAssertionException()
    {
    }

    /// <summary>Initializes a new instance with a message and an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public AllocationAssertionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Gets the measurement that failed, when there is one.</summary>
    public AllocationReport? Report { get; }

    /// <summary>
    /// Gets the allocation sampling of the body's re-run that named the likely culprits in the message, when there was
    /// one (see <see cref="AllocationOptions.NameCulprits"/>). Its figures are estimates.
    /// </summary>
    public Runtime.RuntimeEventReport? SampledAllocations { get; init; }
}
