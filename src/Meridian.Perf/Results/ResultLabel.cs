namespace Meridian.Perf.Results;

/// <summary>A caller's name (and unit of work) for the results recorded in its async flow; see <see cref="PerfResults.Label"/>.</summary>
internal sealed class ResultLabel : IDisposable
{
    private static readonly AsyncLocal<ResultLabel?> Ambient = new();
    private readonly ResultLabel? _previous;
    private bool _disposed;

    private ResultLabel(string name, double unitsPerOperation, string? unit, ResultLabel? previous)
    {
        Name = name;
        UnitsPerOperation = unitsPerOperation;
        Unit = unit;
        _previous = previous;
    }

    /// <summary>Gets the label in force, if any.</summary>
    public static ResultLabel? Current => Ambient.Value;

    /// <summary>Gets the name.</summary>
    public string Name { get; }

    /// <summary>Gets the units of work per operation; 0 for none.</summary>
    public double UnitsPerOperation { get; }

    /// <summary>Gets the unit's name.</summary>
    public string? Unit { get; }

    public static ResultLabel Push(string name, double unitsPerOperation, string? unit)
    {
        var label = new ResultLabel(name, unitsPerOperation, unit, Ambient.Value);
        Ambient.Value = label;
        return label;
    }

    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            Ambient.Value = _previous;
        }
    }
}
