namespace Meridian.Telemetry.Audit;

/// <summary>
/// The machine's own ceiling for this job, measured beside the pipelines in the same run: read the same capture a
/// streamed pipeline run reads, from a <see cref="MemoryStream"/> in reads of the pipeline's buffer size, and fold every
/// byte into one CRC-32C (<see cref="Crc32C"/>, the CPU's CRC instruction, 8 bytes per step). No pipeline that checks
/// the frames' checksums can do less: every byte must be read from the stream and run through the CRC unit. The
/// pipeline's rate as a fraction of this one says how close to the machine it runs, whatever the machine.
/// </summary>
internal sealed class MachineReference
{
    private readonly byte[] _capture;
    private readonly int _length;
    private readonly byte[] _buffer;

    public MachineReference(byte[] capture, int frames, int frameSize, int readBufferSize)
    {
        _capture = capture;
        Frames = Math.Min(frames, capture.Length / frameSize);
        _length = Frames * frameSize;
        _buffer = new byte[readBufferSize];
    }

    public int Frames { get; }

    /// <summary>Reads and checksums the capture once.</summary>
    /// <returns>The checksum, to consume.</returns>
    public uint Run()
    {
        using var stream = new MemoryStream(_capture, 0, _length, writable: false);
        uint state = uint.MaxValue;
        int read;
        while ((read = stream.Read(_buffer)) > 0)
        {
            state = Crc32C.Append(state, _buffer.AsSpan(0, read));
        }

        return ~state;
    }
}
