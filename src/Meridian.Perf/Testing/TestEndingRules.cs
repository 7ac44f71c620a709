namespace Meridian.Perf.Testing;

/// <summary>
/// What a framework means by ending a test, applied to every measured call: its exceptions that end a test as passed
/// (<see cref="TestBodyCall.EndsAsPassed"/>), recorded so the failure message can name them since throwing one is part of
/// what is counted, and its cancellation token (<see cref="TestBodyCall.Cancellation"/>), which stops the measurement at
/// the next call once cancelled.
/// </summary>
/// <param name="endsAsPassed">The framework's rule; <see langword="null"/> when it has none.</param>
/// <param name="cancellation">The test's token.</param>
internal sealed class TestEndingRules(Func<Exception, bool>? endsAsPassed, CancellationToken cancellation = default)
{
    /// <summary>Gets the test's cancellation token.</summary>
    public CancellationToken Cancellation => cancellation;

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
