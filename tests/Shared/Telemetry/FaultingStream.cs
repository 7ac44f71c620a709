namespace Meridian.Telemetry.Testing;

/// <summary>
/// A read-only stream over a byte array that delivers at most <paramref name="maxRead"/> bytes per read (with a
/// <paramref name="seed"/>, a seeded random 1 to <paramref name="maxRead"/> each time, as a network does) and, once
/// <paramref name="faultAt"/> bytes have been delivered, fails: it throws an <see cref="IOException"/>, or cancels
/// <paramref name="cancel"/> and throws the resulting <see cref="OperationCanceledException"/>, as a dropped connection
/// or a shutdown does. A fault beyond the data's end is never reached: the stream just ends.
/// </summary>
/// <remarks>Shared by the telemetry tests and the fault soak (samples/Meridian.Telemetry.Benchmarks), linked into each;
/// with <c>faultAt = int.MaxValue</c> and a seed it is a stream of short reads that never fails.</remarks>
internal sealed class FaultingStream(byte[] data, int faultAt, int maxRead, CancellationTokenSource? cancel = null, int? seed = null) : Stream
{
    private readonly Random? _random = seed is { } value ? new Random(value) : null;
    private int _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => data.Length;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_position >= faultAt)
        {
            if (cancel is not null)
            {
                cancel.Cancel();
                cancel.Token.ThrowIfCancellationRequested();
            }

            throw new IOException($"Connection dropped after {_position} bytes.");
        }

        int size = _random is null ? maxRead : 1 + _random.Next(maxRead);
        int n = Math.Min(Math.Min(buffer.Length, Math.Min(data.Length, faultAt) - _position), size);
        data.AsSpan(_position, n).CopyTo(buffer);
        _position += n;
        return n;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            return ValueTask.FromResult(Read(buffer.Span));
        }
        catch (Exception e)
        {
            return ValueTask.FromException<int>(e);
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
