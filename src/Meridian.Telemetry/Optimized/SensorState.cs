using System.Runtime.InteropServices;

namespace Meridian.Telemetry.Optimized;

/// <summary>
/// What the optimized pipeline keeps per sensor, in one table entry: the validator's sequence state and the
/// aggregator's open window. Inside the pipeline both stages share one <see cref="SensorTable{TState}"/>, so a frame's
/// sensor is looked up once (by the validator, which hands the slot on to the aggregator).
/// </summary>
[StructLayout(LayoutKind.Auto)]
internal struct SensorState
{
    public SequenceState Sequence;
    public OpenWindow Window;
}

/// <summary>The validator's part of <see cref="SensorState"/>: the last accepted sequence number and timestamp.</summary>
[StructLayout(LayoutKind.Auto)]
internal struct SequenceState
{
    public uint LastSequence;
    public long LastTimestampNs;
}

/// <summary>The aggregator's part of <see cref="SensorState"/>: the running count, min, max and sum of the open window.</summary>
[StructLayout(LayoutKind.Auto)]
internal struct OpenWindow
{
    public long WindowStartNs;
    public double Sum;
    public int Count;
    public float Min;
    public float Max;
    public int MinExponent;
    public int MaxExponent;
    public bool Inexact;

    public WindowAggregate Close(uint sensorId)
    {
        var aggregate = new WindowAggregate(sensorId, WindowStartNs, Count, Min, Max, (float)(Sum / Count));
        Count = 0;
        Sum = 0;
        return aggregate;
    }
}
