using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Meridian.Telemetry.Optimized;

/// <summary>
/// What the optimized pipeline keeps per sensor, in one table entry: the validator's sequence state and the
/// aggregator's open window. Inside the pipeline both stages share one <see cref="SensorTable{TState}"/>, so a frame's
/// sensor is looked up once (by the validator, which hands the sensor index on to the aggregator).
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

/// <summary>
/// The aggregator's part of <see cref="SensorState"/>: the running count, min, max and sum of the open window. While
/// <see cref="InLanes"/> is set, min, max and sum live in vector lanes (<see cref="LaneMin"/>, <see cref="LaneMax"/>,
/// <see cref="LaneSum"/>) and are reduced to <see cref="Min"/>, <see cref="Max"/> and <see cref="Sum"/> only when the
/// window closes or a frame needs the scalar fold (see <c>WindowAggregator</c>).
/// </summary>
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
    public bool InLanes;

    // The magnitude bits every sample folded in lanes lies in: LaneLowBits <= |bits| < LaneLowBits + LaneSpanBits.
    public uint LaneLowBits;
    public uint LaneSpanBits;
    public Vector128<float> LaneMin;
    public Vector128<float> LaneMax;
    public Vector128<double> LaneSum;

    /// <summary>Moves min, max and sum out of the lanes into the scalar fields (exactly: see <c>WindowAggregator</c>).</summary>
    public void LeaveLanes()
    {
        if (!InLanes)
        {
            return;
        }

        var min = Vector128.Min(LaneMin, Vector128.Shuffle(LaneMin, Vector128.Create(2, 3, 0, 1)));
        Min = Vector128.Min(min, Vector128.Shuffle(min, Vector128.Create(1, 0, 3, 2))).ToScalar();
        var max = Vector128.Max(LaneMax, Vector128.Shuffle(LaneMax, Vector128.Create(2, 3, 0, 1)));
        Max = Vector128.Max(max, Vector128.Shuffle(max, Vector128.Create(1, 0, 3, 2))).ToScalar();
        Sum = LaneSum.ToScalar() + LaneSum.GetElement(1);

        // Every sample's biased exponent lies in the lanes' bounds: the exactness test goes on from those.
        MinExponent = (int)(LaneLowBits >> 23);
        MaxExponent = (int)((LaneLowBits + LaneSpanBits - 1) >> 23);
        Inexact = false;
        InLanes = false;
    }

    public WindowAggregate Close(uint sensorId)
    {
        LeaveLanes();
        var aggregate = new WindowAggregate(sensorId, WindowStartNs, Count, Min, Max, (float)(Sum / Count));
        Count = 0;
        Sum = 0;
        return aggregate;
    }
}
