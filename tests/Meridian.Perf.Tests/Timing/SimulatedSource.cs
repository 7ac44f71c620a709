using System.Diagnostics;

namespace Meridian.Perf.Tests.Timing;

/// <summary>
/// Seeded synthetic batches for the comparison engine: each batch's time per operation is
/// mean × drift(t) × machine(t) × lognormal noise, with occasional spikes, on a simulated clock that advances 2 ms a batch.
/// </summary>
internal sealed class SimulatedSource(int seed, double baselineNanoseconds, double candidateNanoseconds) : IComparisonSource
{
    private static readonly long TicksPerBatch = Stopwatch.Frequency * 2 / 1000;
    private readonly Random _random = new(seed);
    private long _ticks = 1;
    private double _machine;
    private long _batches;

    /// <summary>Gets the standard deviation of each batch's log time (about the coefficient of variation).</summary>
    public double Noise { get; init; } = 0.10;

    /// <summary>Gets the share of batches hit by a spike (another process, a GC) that doubles their time.</summary>
    public double SpikeRate { get; init; } = 0.02;

    /// <summary>Gets the relative slow-down of the machine per simulated second (a linear drift).</summary>
    public double DriftPerSecond { get; init; }

    /// <summary>Gets the step of a random walk of the machine's speed, per batch, in log units (noise the two bodies share).</summary>
    public double SharedWalk { get; init; }

    /// <summary>Gets which batches (counted from 0) an interference triples, such as a scheduler's slice or a timer; none when null.</summary>
    public Func<long, bool>? Interference { get; init; }

    public long Timestamp => _ticks;

    public double MeasureBaseline() => Next(baselineNanoseconds);

    public double MeasureCandidate() => Next(candidateNanoseconds);

    private double Next(double mean)
    {
        double seconds = (double)_ticks / Stopwatch.Frequency;
        _machine += SharedWalk * Gaussian();
        double value = mean * (1 + (DriftPerSecond * seconds)) * Math.Exp(_machine + (Noise * Gaussian()));
        if (_random.NextDouble() < SpikeRate)
        {
            value *= 2;
        }

        if (Interference?.Invoke(_batches++) == true)
        {
            value *= 3;
        }

        _ticks += TicksPerBatch;
        return value;
    }

    private double Gaussian()
    {
        // Box–Muller.
        double u1 = 1 - _random.NextDouble();
        double u2 = _random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
