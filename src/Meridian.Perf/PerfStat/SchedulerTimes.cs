using System.Globalization;

namespace Meridian.Perf;

/// <summary>
/// The calling thread's scheduler accounting from <c>/proc/thread-self/schedstat</c>: time on a CPU, time runnable but
/// waiting for a CPU (the run queue), and time slices. Wall time minus both is time the thread was blocked. This tells
/// a preempted CPU-bound thread on a busy machine from one that sleeps or waits, which CPU time alone cannot.
/// </summary>
/// <param name="OnCpu">Time the thread ran.</param>
/// <param name="WaitingForCpu">Time the thread was runnable but another task had the CPU.</param>
/// <param name="TimeSlices">Times the thread was put on a CPU.</param>
public readonly record struct SchedulerTimes(TimeSpan OnCpu, TimeSpan WaitingForCpu, long TimeSlices)
{
    /// <summary>The change from <paramref name="before"/> to <paramref name="after"/>.</summary>
    /// <param name="after">The later reading.</param>
    /// <param name="before">The earlier reading.</param>
    /// <returns>The delta.</returns>
    public static SchedulerTimes operator -(SchedulerTimes after, SchedulerTimes before) =>
        new(after.OnCpu - before.OnCpu, after.WaitingForCpu - before.WaitingForCpu, after.TimeSlices - before.TimeSlices);

    /// <summary>Subtracts two readings; the same as the <c>-</c> operator.</summary>
    /// <param name="after">The later reading.</param>
    /// <param name="before">The earlier reading.</param>
    /// <returns>The delta.</returns>
    public static SchedulerTimes Subtract(SchedulerTimes after, SchedulerTimes before) => after - before;

    /// <summary>Reads the calling thread's accounting; null where the file does not exist (not Linux, or schedstats off).</summary>
    /// <returns>The reading, or null.</returns>
    internal static SchedulerTimes? TryRead()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        try
        {
            var fields = File.ReadAllText("/proc/thread-self/schedstat").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return new SchedulerTimes(
                TimeSpan.FromTicks(long.Parse(fields[0], CultureInfo.InvariantCulture) / 100),
                TimeSpan.FromTicks(long.Parse(fields[1], CultureInfo.InvariantCulture) / 100),
                long.Parse(fields[2], CultureInfo.InvariantCulture));
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }
}
