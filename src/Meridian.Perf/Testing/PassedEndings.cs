namespace Meridian.Perf.Testing;

/// <summary>
/// A test framework's exceptions that end a test as passed (<see cref="TestBodyCall.EndsAsPassed"/>), and what the
/// measured calls that ended in one threw: the failure message names it, since throwing it is part of what is counted.
/// </summary>
/// <param name="endsAsPassed">The framework's rule; <see langword="null"/> when it has none.</param>
internal sealed class PassedEndings(Func<Exception, bool>? endsAsPassed)
{
    /// <summary>Gets the type of the last passing exception caught, or <see langword="null"/> when no call ended in one.</summary>
    public Type? LastType { get; private set; }

    /// <summary>Gets the number of calls that ended in a passing exception.</summary>
    public long Count { get; private set; }

    /// <summary>Whether <paramref name="error"/> ends the call as passed; records it when it does. Runs as an exception filter, before unwinding.</summary>
    public bool Matches(Exception error)
    {
        if (endsAsPassed is null || !endsAsPassed(error))
        {
            return false;
        }

        LastType = error.GetType();
        Count++;
        return true;
    }
}
