namespace Meridian.Perf.Runtime;

/// <summary>Whose allocations, lock contentions and exceptions a <see cref="RuntimeEventRecorder"/> keeps.</summary>
public enum RecordedThreads
{
    /// <summary>
    /// Only the thread that started the recorder, so recorders on different threads (parallel tests) never see each
    /// other's events. An async body that resumes on another thread is then only partly recorded.
    /// </summary>
    CurrentThread,

    /// <summary>Every thread of the process, including other tests, the test runner and the event dispatch thread itself.</summary>
    AllThreads,
}
