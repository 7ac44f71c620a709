namespace Meridian.Perf.Tests;

/// <summary>Makes the calling thread contend for a lock that another thread holds, whatever the machine's load.</summary>
internal static class ContendedLock
{
    /// <summary>
    /// Another thread takes <paramref name="gate"/>; the caller then locks it too. The holder releases only after the
    /// process's contention count has risen (or 5 s passed) and <paramref name="holdAfterContention"/> more, so a caller
    /// descheduled between the two steps on a busy machine still waits instead of finding the lock free.
    /// </summary>
    public static void EnterWhileHeld(object gate, TimeSpan holdAfterContention)
    {
        using var held = new ManualResetEventSlim();
        long contentionsBefore = Monitor.LockContentionCount;
        var holder = new Thread(() =>
        {
            lock (gate)
            {
                held.Set();
                var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
                while (Monitor.LockContentionCount == contentionsBefore && DateTime.UtcNow < deadline)
                {
                    Thread.Sleep(1);
                }

                Thread.Sleep(holdAfterContention);
            }
        });
        holder.Start();
        held.Wait();
        lock (gate)
        {
        }

        holder.Join();
    }
}
