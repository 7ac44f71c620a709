namespace Meridian.Perf.Profiling;

/// <summary>Thrown when this process cannot profile itself, with the reason and what to do.</summary>
public sealed class ProfilingUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ProfilingUnavailableException()
        : this("In-process profiling is not available.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The reason and what to do.</param>
    public ProfilingUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the error that revealed the reason.</summary>
    /// <param name="message">The reason and what to do.</param>
    /// <param name="innerException">The error from the diagnostics client or the runtime.</param>
    public ProfilingUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
