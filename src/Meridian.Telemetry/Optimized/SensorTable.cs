using System.Runtime.CompilerServices;

namespace Meridian.Telemetry.Optimized;

/// <summary>
/// Per-sensor state in an open-addressing hash table (linear probing, Fibonacci hashing). Lookups of known sensors
/// allocate nothing; the table grows (and allocates) only when a new sensor pushes it past half full.
/// </summary>
/// <typeparam name="TState">The per-sensor state.</typeparam>
internal sealed class SensorTable<TState>
    where TState : struct
{
    /// <summary>Set in every occupied entry above the key's 32 bits: an entry is its key with this bit, or 0 when empty.</summary>
    public const ulong Occupied = 1ul << 32;

    private const uint Fibonacci = 0x9E3779B9u;

    private ulong[] _entries;
    private TState[] _values;
    private int _shift;

    public SensorTable(int expectedSensors)
    {
        int capacity = 16;
        while (capacity < expectedSensors * 2)
        {
            capacity *= 2;
        }

        _entries = new ulong[capacity];
        _values = new TState[capacity];
        _shift = 32 - System.Numerics.BitOperations.Log2((uint)capacity);
    }

    /// <summary>How many sensors the table holds.</summary>
    public int Count { get; private set; }

    /// <summary>Empties the table (its capacity stays).</summary>
    public void Clear()
    {
        Array.Clear(_entries);
        Count = 0;
    }

    /// <summary>The number of slots.</summary>
    public int Capacity => _entries.Length;

    /// <summary>Changes whenever the table grows, which moves every sensor to a new slot.</summary>
    public int Version { get; private set; }

    /// <summary>The slots' entries (key | <see cref="Occupied"/>, or 0), for loops that probe without a call per frame;
    /// replaced when the table grows (see <see cref="Version"/>).</summary>
    public ulong[] Entries => _entries;

    /// <summary>The slots' states, replaced together with <see cref="Entries"/>.</summary>
    public TState[] Values => _values;

    /// <summary>The shift that takes a key's Fibonacci hash to a slot.</summary>
    public int Shift => _shift;

    public bool IsUsed(int slot) => _entries[slot] != 0;

    public uint KeyAt(int slot) => (uint)_entries[slot];

    public ref TState ValueAt(int slot) => ref _values[slot];

    /// <summary>The first slot to probe for <paramref name="key"/> in a table of the given shift.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int HomeSlot(uint key, int shift) => (int)((key * Fibonacci) >> shift);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref TState GetOrAdd(uint key, out bool added) => ref _values[SlotOf(key, out added)];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int SlotOf(uint key, out bool added)
    {
        var entries = _entries;
        int mask = entries.Length - 1;
        ulong wanted = key | Occupied;
        int slot = HomeSlot(key, _shift);
        while (true)
        {
            ulong entry = entries[slot];
            if (entry == wanted)
            {
                added = false;
                return slot;
            }

            if (entry == 0)
            {
                added = true;
                return Add(key, slot);
            }

            slot = (slot + 1) & mask;
        }
    }

    /// <summary>Adds <paramref name="key"/> at <paramref name="slot"/>, the empty slot its probe ended at, growing the
    /// table first when it would be more than half full.</summary>
    /// <returns>The key's slot (another one when the table grew).</returns>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public int Add(uint key, int slot)
    {
        if ((Count + 1) * 2 > _entries.Length)
        {
            Grow();
            return SlotOf(key, out _);
        }

        _entries[slot] = key | Occupied;
        _values[slot] = default;
        Count++;
        return slot;
    }

    private void Grow()
    {
        var entries = _entries;
        var values = _values;
        int capacity = entries.Length * 2;
        _entries = new ulong[capacity];
        _values = new TState[capacity];
        _shift--;
        Count = 0;
        Version++;
        for (int i = 0; i < entries.Length; i++)
        {
            if (entries[i] != 0)
            {
                GetOrAdd((uint)entries[i], out _) = values[i];
            }
        }
    }
}
