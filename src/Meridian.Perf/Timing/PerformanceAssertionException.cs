namespace Meridian.Perf;

/// <summary>
/// Thrown by <see cref="PerfAssert"/> when a timing assertion fails: the message is a criterion-like report of what
/// was measured, the change with its interval and p-value, the verdict and what to do. Test frameworks report it as
/// an ordinary failure.
/// </summary>
public sealed class PerformanceAssertionException : Exception
{
    /// <summary>Initializes a new instance with a message.</summary>
    /// <param name="message">What was measured and why it failed.</param>
    public PerformanceAssertionException(string message)
        : base(message)
    {
        Results.ResultsSink.Failed(null);
    }

    /// <summary>Initializes a new instance with a message and the comparison behind it.</summary>
    /// <param name="message">What was measured and why it failed.</param>
    /// <param name="comparison">The comparison.</param>
    public PerformanceAssertionException(string message, Comparison comparison)
        : base(message)
    {
        Comparison = comparison;
        Results.ResultsSink.Failed(comparison);
    }

    /// <summary>Initializes a new instance with no message.</summary>
    public PerformanceAssertionException()
    {
    }

    /// <summary>Initializes a new instance with a message and an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public PerformanceAssertionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Gets the comparison that failed, when there is one.</summary>
    public Comparison? Comparison { get; }
}
