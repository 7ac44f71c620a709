namespace Meridian.Telemetry.Naive;

/// <summary>
/// The naive aggregate stage: every sample of an open window kept in a <see cref="List{T}"/>, summarised with LINQ's
/// <c>Min</c>, <c>Max</c> and <c>Average</c> when the window closes; a new list of closed windows per frame.
/// </summary>
public sealed class NaiveAggregator
{
    private readonly Dictionary<uint, OpenWindow> _open = new();

    /// <summary>Drops every open window without emitting it.</summary>
    public void Reset() => _open.Clear();

    /// <summary>Adds an accepted frame and returns the window it closed, if any.</summary>
    /// <param name="frame">The accepted frame.</param>
    /// <returns>The closed windows (none or one).</returns>
    public List<WindowAggregate> Add(NaiveFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var closed = new List<WindowAggregate>();
        long windowStart = WindowAggregate.WindowStartOf(frame.Timestamp);
        if (_open.TryGetValue(frame.SensorId, out var window) && window.Start != windowStart)
        {
            closed.Add(Summarize(frame.SensorId, window));
            _open.Remove(frame.SensorId);
            window = null;
        }

        if (window == null)
        {
            window = new OpenWindow { Start = windowStart };
            _open[frame.SensorId] = window;
        }

        window.Samples.AddRange(frame.Samples);
        return closed;
    }

    /// <summary>Closes every open window, in ascending sensor id order.</summary>
    /// <returns>The closed windows.</returns>
    public List<WindowAggregate> CloseAll()
    {
        var all = _open.OrderBy(entry => entry.Key).Select(entry => Summarize(entry.Key, entry.Value)).ToList();
        _open.Clear();
        return all;
    }

    private static WindowAggregate Summarize(uint sensorId, OpenWindow window) =>
        new(sensorId, window.Start, window.Samples.Count, window.Samples.Min(), window.Samples.Max(), window.Samples.Average());

    private sealed class OpenWindow
    {
        public long Start { get; init; }

        public List<float> Samples { get; } = new();
    }
}
