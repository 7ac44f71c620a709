namespace Meridian.Perf;

/// <summary>One call of a measured body. Implemented by structs so the measuring loop is specialised per kind of body and never boxes.</summary>
internal interface IBodyInvoker
{
    bool IsAsync { get; }

    void Invoke();
}

internal readonly struct StateBodyInvoker<TState>(TState state, Action<TState> body) : IBodyInvoker
{
    public bool IsAsync => false;

    public void Invoke() => body(state);
}

internal readonly struct ActionBodyInvoker(Action body) : IBodyInvoker
{
    public bool IsAsync => false;

    public void Invoke() => body();
}

internal readonly struct TaskBodyInvoker(Func<Task> body, SingleThreadPump pump) : IBodyInvoker
{
    public bool IsAsync => true;

    public void Invoke() => pump.RunUntilComplete(new ValueTask(body()));
}

internal readonly struct ValueTaskBodyInvoker(Func<ValueTask> body, SingleThreadPump pump) : IBodyInvoker
{
    public bool IsAsync => true;

    public void Invoke() => pump.RunUntilComplete(body());
}

internal readonly struct ValueTaskResultBodyInvoker<TResult>(Func<ValueTask<TResult>> body, SingleThreadPump pump) : IBodyInvoker
{
    public bool IsAsync => true;

    public void Invoke() => pump.RunUntilComplete(body());
}

/// <summary>
/// A test body whose calls may end in the test framework's own "passed" exception (NUnit's <c>Assert.Pass()</c>): such a
/// call completed, and the exception it threw was allocated inside the window, so it is counted like the rest.
/// </summary>
internal readonly struct TestEndingInvoker<TInner>(TInner inner, Testing.TestEndingRules endings) : IBodyInvoker
    where TInner : struct, IBodyInvoker
{
    public bool IsAsync => inner.IsAsync;

    public void Invoke()
    {
        // A cancelled test may take its cancelled path from here on: stop rather than count it (the caller says why).
        endings.Cancellation.ThrowIfCancellationRequested();
        try
        {
            inner.Invoke();
        }
        catch (Exception error) when (endings.Matches(error))
        {
        }
    }
}
