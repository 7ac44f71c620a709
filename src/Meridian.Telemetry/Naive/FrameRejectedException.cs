namespace Meridian.Telemetry.Naive;

/// <summary>Thrown by the naive stages for a bad frame; the naive pipeline catches it and counts the reason.</summary>
public sealed class FrameRejectedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public FrameRejectedException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public FrameRejectedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public FrameRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a reason.</summary>
    /// <param name="reason">Why the frame was rejected.</param>
    /// <param name="message">The message.</param>
    public FrameRejectedException(RejectReason reason, string message)
        : base(message)
    {
        Reason = reason;
    }

    /// <summary>Gets why the frame was rejected.</summary>
    public RejectReason Reason { get; }
}
