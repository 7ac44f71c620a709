using System.Reflection;
using System.Runtime.CompilerServices;

namespace Meridian.Perf.Profiling;

/// <summary>
/// The entry points of the runtime's allocation helpers and GC write barriers in this process, found without symbols:
/// small methods of this class that allocate or store a reference are compiled, and the targets of the calls in their
/// code are the helpers (the runtime's native code has no symbols the sampler could read). A sample in native code whose
/// nearest managed caller called one of them is allocation work or the write barrier, not unexplained runtime code.
/// </summary>
internal sealed class RuntimeHelperProbes
{
    private const string ProbePrefix = "Meridian.Perf.Profiling.RuntimeHelperProbes.";

    private static readonly object Gate = new();
    private static RuntimeHelperProbes? s_found;

    private RuntimeHelperProbes(HashSet<ulong> allocators, HashSet<ulong> barriers)
    {
        Allocators = allocators;
        Barriers = barriers;
    }

    /// <summary>Gets the allocation helpers' entry points (after following jump stubs).</summary>
    public HashSet<ulong> Allocators { get; }

    /// <summary>Gets the write barriers' entry points (after following jump stubs).</summary>
    public HashSet<ulong> Barriers { get; }

    /// <summary>Compiles and runs the probes once (the perf map must be on, so that their code is named in it) and reads
    /// the helpers from their code; the result is kept for the process.</summary>
    public static RuntimeHelperProbes Find(PerfMapSymbols symbols)
    {
        lock (Gate)
        {
            if (s_found is not null)
            {
                return s_found;
            }

            var holder = new ProbeHolder();
            var pair = new ProbePair();
            object? slot = null;
            GC.KeepAlive(NewObject());
            GC.KeepAlive(NewBytes(3));
            GC.KeepAlive(NewObjects(3));
            StoreField(holder, holder);
            StoreReference(ref slot, holder);
            CopyPair(ref pair, new ProbePair { First = holder, Second = holder });

            var allocators = new HashSet<ulong>();
            var barriers = new HashSet<ulong>();
            foreach (var symbol in symbols.Refresh())
            {
                if (symbol.Kind != PerfMapSymbols.SymbolKind.Managed || !symbol.Name.StartsWith(ProbePrefix, StringComparison.Ordinal))
                {
                    continue;
                }

                var targets = symbol.Name.StartsWith(ProbePrefix + "New", StringComparison.Ordinal) ? allocators : barriers;
                foreach (var target in CallTargets(symbol))
                {
                    targets.Add(target);
                }
            }

            // Internal calls the runtime implements in native code, where the framework has them: strings are allocated
            // by String.FastAllocateString's helper, arrays of references copied by Buffer's bulk move with card marking.
            AddInternalCalls(allocators, typeof(string), "FastAllocateString");
            AddInternalCalls(barriers, typeof(Buffer), "__BulkMoveWithWriteBarrier");

            allocators.Remove(0);
            barriers.Remove(0);
            return s_found = new RuntimeHelperProbes(allocators, barriers);
        }
    }

    private static void AddInternalCalls(HashSet<ulong> targets, Type type, string name)
    {
        foreach (var method in type.GetMethods(BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.Static))
        {
            if (method.Name == name && !method.ContainsGenericParameters)
            {
                try
                {
                    targets.Add(FinalTarget((ulong)method.MethodHandle.GetFunctionPointer()));
                }
                catch (Exception error) when (error is NotSupportedException or InvalidOperationException or MemberAccessException)
                {
                    // Not every runtime lets its internal calls be located; their samples stay named by their library.
                }
            }
        }
    }

    /// <summary>Follows jump stubs ("jmp rel32", "jmp [rip+disp32]") from an address to the code they lead to.</summary>
    public static ulong FinalTarget(ulong address)
    {
        Span<byte> code = stackalloc byte[6];
        for (var hop = 0; hop < 4 && address != 0; hop++)
        {
            if (!PerfEventInterop.TryReadOwnMemory(address, code))
            {
                break;
            }

            if (code[0] == 0xE9)
            {
                address = address + 5 + (ulong)(long)BitConverter.ToInt32(code[1..]);
            }
            else if (code[0] == 0xFF && code[1] == 0x25 && TryReadPointer(address + 6 + (ulong)(long)BitConverter.ToInt32(code[2..]), out var next))
            {
                address = next;
            }
            else
            {
                break;
            }
        }

        return address;
    }

    /// <summary>The target of the call instruction that ends right before <paramref name="returnAddress"/>: "call rel32"
    /// or "call [rip+disp32]", followed through jump stubs; 0 for a call through a register.</summary>
    public static ulong CallTarget(ulong returnAddress)
    {
        Span<byte> code = stackalloc byte[6];
        if (!PerfEventInterop.TryReadOwnMemory(returnAddress - 6, code))
        {
            return 0;
        }

        if (code[1] == 0xE8)
        {
            return FinalTarget(returnAddress + (ulong)(long)BitConverter.ToInt32(code[2..]));
        }

        if (code[0] == 0xFF && code[1] == 0x15 && TryReadPointer(returnAddress + (ulong)(long)BitConverter.ToInt32(code[2..]), out var target))
        {
            return FinalTarget(target);
        }

        return 0;
    }

    internal static bool TryReadPointer(ulong address, out ulong value)
    {
        Span<byte> bytes = stackalloc byte[8];
        var read = PerfEventInterop.TryReadOwnMemory(address, bytes);
        value = read ? BitConverter.ToUInt64(bytes) : 0;
        return read;
    }

    // Every "call rel32" and "call [rip+disp32]" in a probe's code (a byte scan: the probes are a few instructions).
    private static List<ulong> CallTargets(PerfMapSymbols.Symbol symbol)
    {
        var targets = new List<ulong>();
        var code = new byte[(int)Math.Min(symbol.Size, 512)];
        if (!PerfEventInterop.TryReadOwnMemory(symbol.Start, code))
        {
            return targets;
        }

        for (var i = 0; i + 5 <= code.Length; i++)
        {
            if (code[i] == 0xE8)
            {
                targets.Add(FinalTarget(symbol.Start + (ulong)i + 5 + (ulong)(long)BitConverter.ToInt32(code, i + 1)));
            }
            else if (code[i] == 0xFF && i + 6 <= code.Length && code[i + 1] == 0x15
                && TryReadPointer(symbol.Start + (ulong)i + 6 + (ulong)(long)BitConverter.ToInt32(code, i + 2), out var target))
            {
                targets.Add(FinalTarget(target));
            }
        }

        return targets;
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static ProbeHolder NewObject() => new();

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static byte[] NewBytes(int length) => new byte[length];

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static object[] NewObjects(int length) => new object[length];

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void StoreField(ProbeHolder holder, object value) => holder.Field = value;

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void StoreReference(ref object? slot, object value) => slot = value;

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void CopyPair(ref ProbePair destination, ProbePair source) => destination = source;

    private sealed class ProbeHolder
    {
        public object? Field;
    }

    private struct ProbePair
    {
        public object? First;
        public object? Second;
    }
}
