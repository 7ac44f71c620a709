namespace Meridian.Perf.Runtime;

/// <summary>
/// Thrown and caught by a <see cref="RuntimeEventRecorder"/> to mark the start and end of its window in the runtime's
/// own event stream. An exception is the one runtime event that managed code can raise on demand, on its own thread,
/// deterministically and without side effects on the GC: the runtime writes <c>ExceptionThrown_V1</c> with this
/// type's name and the message, which carries the recorder's id.
/// </summary>
internal sealed class RecorderMarkerException : Exception
{
    public const string StartWord = "start";
    public const string StopWord = "stop";
    public const string ProbeWord = "probe";

    public static readonly string TypeName = typeof(RecorderMarkerException).FullName!;

    public RecorderMarkerException(string word, long recorderId)
        : base($"{word} {recorderId}")
    {
    }

    public RecorderMarkerException()
    {
    }

    public RecorderMarkerException(string message)
        : base(message)
    {
    }

    public RecorderMarkerException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Throws and catches a marker: the throw alone writes it into the runtime's event stream.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    public static void Raise(RecorderMarkerException marker)
    {
        try
        {
            throw marker;
        }
        catch (RecorderMarkerException)
        {
            // Caught on purpose: only the runtime's ExceptionThrown event is wanted.
        }
    }

    /// <summary>Parses a marker's message (<c>"start 12"</c>, <c>"stop 12"</c>).</summary>
    public static bool TryParse(string? message, out bool isStart, out long recorderId)
    {
        isStart = false;
        recorderId = 0;
        if (message is null)
        {
            return false;
        }

        int space = message.IndexOf(' ', StringComparison.Ordinal);
        if (space < 0 || !long.TryParse(message.AsSpan(space + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out recorderId))
        {
            return false;
        }

        isStart = message.AsSpan(0, space).SequenceEqual(StartWord);
        return isStart || message.AsSpan(0, space).SequenceEqual(StopWord);
    }
}
