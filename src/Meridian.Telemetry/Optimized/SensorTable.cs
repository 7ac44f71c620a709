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
    private uint[] _keys;
    private bool[] _used;
    private TState[] _values;
    private int _shift;

    public SensorTable(int expectedSensors)
    {
        int capacity = 16;
        while (capacity < expectedSensors * 2)
        {
            capacity *= 2;
        }

        _keys = new uint[capacity];
        _used = new bool[capacity];
        _values = new TState[capacity];
        _shift = 32 - System.Numerics.BitOperations.Log2((uint)capacity);
    }

    public int Count { get; private set; }

    public void Clear()
    {
        Array.Clear(_used);
        Count = 0;
    }

    public int Capacity => _keys.Length;

    public bool IsUsed(int slot) => _used[slot];

    public uint KeyAt(int slot) => _keys[slot];

    public ref TState ValueAt(int slot) => ref _values[slot];

    /// <summary>Gets how many times the table grew: slots taken before a growth are stale.</summary>
    public int Version { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref TState GetOrAdd(uint key, out bool added) => ref _values[SlotOf(key, out added)];

    /// <summary>Gets the slot of <paramref name="key"/>, adding it (default state) when it is new.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int SlotOf(uint key, out bool added)
    {
        int mask = _keys.Length - 1;
        int slot = (int)((key * 0x9E3779B9u) >> _shift);
        while (true)
        {
            if (!_used[slot])
            {
                return Add(key, slot, out added);
            }

            if (_keys[slot] == key)
            {
                added = false;
                return slot;
            }

            slot = (slot + 1) & mask;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private int Add(uint key, int slot, out bool added)
    {
        added = true;
        if ((Count + 1) * 2 > _keys.Length)
        {
            Grow();
            return SlotOf(key, out _);
        }

        _used[slot] = true;
        _keys[slot] = key;
        _values[slot] = default;
        Count++;
        return slot;
    }

    private void Grow()
    {
        var keys = _keys;
        var used = _used;
        var values = _values;
        int capacity = keys.Length * 2;
        _keys = new uint[capacity];
        _used = new bool[capacity];
        _values = new TState[capacity];
        _shift--;
        Count = 0;
        Version++;
        for (int i = 0; i < keys.Length; i++)
        {
            if (used[i])
            {
                GetOrAdd(keys[i], out _) = values[i];
            }
        }
    }
}
