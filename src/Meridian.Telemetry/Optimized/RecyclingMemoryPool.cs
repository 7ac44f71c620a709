using System.Buffers;

namespace Meridian.Telemetry.Optimized;

/// <summary>
/// A <see cref="MemoryPool{T}"/> of fixed-size blocks that reuses its <see cref="IMemoryOwner{T}"/> objects.
/// <c>MemoryPool&lt;byte&gt;.Shared</c> allocates a new owner object on every rent, which a <see cref="System.IO.Pipelines.PipeReader"/>
/// does once per buffer segment: a few bytes per read, but not zero.
/// </summary>
internal sealed class RecyclingMemoryPool : MemoryPool<byte>
{
    private readonly Stack<Block> _free = new();
    private readonly object _gate = new();

    public RecyclingMemoryPool(int blockSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(blockSize, 1);
        MaxBufferSize = blockSize;
    }

    public override int MaxBufferSize { get; }

    public override IMemoryOwner<byte> Rent(int minBufferSize = -1)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minBufferSize, MaxBufferSize);
        lock (_gate)
        {
            if (_free.TryPop(out var block))
            {
                block.Rented = true;
                return block;
            }
        }

        return new Block(this, new byte[MaxBufferSize]);
    }

    protected override void Dispose(bool disposing)
    {
        lock (_gate)
        {
            _free.Clear();
        }
    }

    private void Return(Block block)
    {
        lock (_gate)
        {
            _free.Push(block);
        }
    }

    private sealed class Block(RecyclingMemoryPool pool, byte[] array) : IMemoryOwner<byte>
    {
        public bool Rented { get; set; } = true;

        public Memory<byte> Memory => array;

        public void Dispose()
        {
            if (Rented)
            {
                Rented = false;
                pool.Return(this);
            }
        }
    }
}
