using System.Runtime.CompilerServices;

namespace Meridian.Telemetry.Optimized;

/// <summary>
/// Per-sensor state, stored densely in the order sensors first appear and found through an open-addressing hash index
/// (linear probing, Fibonacci hashing). A sensor's index never changes until <see cref="Clear"/>, so callers may keep
/// it; the states of a few hundred sensors stay in a few contiguous pages however large the index is. Lookups of known
/// sensors allocate nothing; the table grows (and allocates) only when a new sensor pushes the index past half full.
/// </summary>
/// <typeparam name="TState">The per-sensor state.</typeparam>
internal sealed class SensorTable<TState>
    where TState : struct
{
    private const uint Fibonacci = 0x9E3779B9u;

    // The hash index: 0 when empty, otherwise the key in the low 32 bits and its state's index + 1 above them.
    private ulong[] _entries;
    private uint[] _keys;
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
        _keys = new uint[capacity / 2];
        _values = new TState[capacity / 2];
        _shift = 32 - System.Numerics.BitOperations.Log2((uint)capacity);
    }

    /// <summary>How many sensors the table holds; their indexes are 0 to <c>Count - 1</c>.</summary>
    public int Count { get; private set; }

    /// <summary>Empties the table (its capacity stays).</summary>
    public void Clear()
    {
        Array.Clear(_entries);
        Count = 0;
    }

    /// <summary>The hash index's entries (key in the low 32 bits, state index + 1 above; 0 when empty), for loops
    /// that probe without a call per frame; replaced when the table grows.</summary>
    public ulong[] Entries => _entries;

    /// <summary>The states by index; replaced (indexes kept) when the table grows.</summary>
    public TState[] Values => _values;

    /// <summary>The shift that takes a key's Fibonacci hash to its first slot in <see cref="Entries"/>.</summary>
    public int Shift => _shift;

    /// <summary>The key of the sensor at <paramref name="index"/>.</summary>
    public uint KeyAt(int index) => _keys[index];

    /// <summary>The state of the sensor at <paramref name="index"/>.</summary>
    public ref TState ValueAt(int index) => ref _values[index];

    /// <summary>The first slot of <see cref="Entries"/> to probe for <paramref name="key"/> in an index of the given shift.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int HomeSlot(uint key, int shift) => (int)((key * Fibonacci) >> shift);

    /// <summary>The state index an occupied entry points to.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int IndexOf(ulong entry) => (int)(entry >> 32) - 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref TState GetOrAdd(uint key, out bool added) => ref _values[IndexOf(key, out added)];

    /// <summary>The index of <paramref name="key"/>'s state, added (default) if the key is new.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int IndexOf(uint key, out bool added)
    {
        var entries = _entries;
        int mask = entries.Length - 1;
        int slot = HomeSlot(key, _shift);
        while (true)
        {
            ulong entry = entries[slot];
            if (entry == 0)
            {
                added = true;
                return Add(key, slot);
            }

            if ((uint)entry == key)
            {
                added = false;
                return IndexOf(entry);
            }

            slot = (slot + 1) & mask;
        }
    }

    /// <summary>Adds <paramref name="key"/> whose probe ended at the empty <paramref name="slot"/>, growing the table
    /// first when the index would be more than half full.</summary>
    /// <returns>The new sensor's index.</returns>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private int Add(uint key, int slot)
    {
        if ((Count + 1) * 2 > _entries.Length)
        {
            Grow();
            slot = EmptySlotFor(key);
        }

        int index = Count++;
        _entries[slot] = key | ((ulong)(index + 1) << 32);
        _keys[index] = key;
        _values[index] = default;
        return index;
    }

    // Doubles the index (every entry rehashed) and the dense arrays (states copied, indexes kept).
    private void Grow()
    {
        var entries = _entries;
        int capacity = entries.Length * 2;
        _entries = new ulong[capacity];
        _shift--;
        foreach (ulong entry in entries)
        {
            if (entry != 0)
            {
                _entries[EmptySlotFor((uint)entry)] = entry;
            }
        }

        Array.Resize(ref _keys, capacity / 2);
        Array.Resize(ref _values, capacity / 2);
    }

    // The first empty slot of the index on the probe path of a key that is not in it.
    private int EmptySlotFor(uint key)
    {
        int mask = _entries.Length - 1;
        int slot = HomeSlot(key, _shift);
        while (_entries[slot] != 0)
        {
            slot = (slot + 1) & mask;
        }

        return slot;
    }
}
