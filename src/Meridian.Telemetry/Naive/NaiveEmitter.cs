using System.Buffers;
using System.Text;

namespace Meridian.Telemetry.Naive;

/// <summary>The naive emit stage: an interpolated string per line, encoded to a new byte array, copied to the output.</summary>
public static class NaiveEmitter
{
    /// <summary>Writes one window as a line of InfluxDB line protocol.</summary>
    /// <param name="window">The closed window.</param>
    /// <param name="output">Where the line goes.</param>
    /// <returns>The number of bytes written.</returns>
    public static int Emit(WindowAggregate window, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        string line = FormattableString.Invariant(
            $"telemetry,sensor={window.SensorId} count={window.Count}i,min={window.Min:R},max={window.Max:R},mean={window.Mean:R} {window.WindowStartNs}\n");
        byte[] bytes = Encoding.UTF8.GetBytes(line);
        output.Write(bytes);
        return bytes.Length;
    }
}
