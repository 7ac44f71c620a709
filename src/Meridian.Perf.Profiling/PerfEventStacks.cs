namespace Meridian.Perf.Profiling;

/// <summary>
/// Turns the <see cref="PerfEventSampler"/>'s raw samples into named stacks, root first, cut at the workload marker.
/// </summary>
/// <remarks>
/// <para>The kernel walks user stacks by frame pointer. A function sampled at its first instructions (before
/// <c>push rbp; mov rbp, rsp</c>) or at its <c>ret</c> has not built its frame, so that walk skips its caller. For a
/// short leaf such as a hash of twenty instructions that is a tenth of its samples, every one of them losing the loop
/// that called it. The sampler keeps the top of the stack with each sample: the first word above the stack pointer
/// (and below the frame pointer) that is a return address, right after a call instruction in known code, is the
/// missing caller.</para>
/// <para>Return addresses are resolved at address − 1 (inside the call, not at the next instruction).</para>
/// </remarks>
internal static class PerfEventStacks
{

    // RunPerfEventBody's caller. The JIT does not give every method a frame-pointer frame: when the body's own delegate has none,
    // the walk skips the return address into RunPerfEventBody and goes on at its caller, which marks the body as well.
    private const string BodyCallerMarker = "Meridian.Perf.Profiling.PerfEventProfiler.TryProfile(";

    public static Result Build(List<ulong> records, PerfMapSymbols.Symbol[] managed, PerfMapSymbols.Symbol[] modules)
    {
        var result = new Result();
        var chain = new List<ulong>(128);
        var frames = new List<string>(128);
        var prologues = new Dictionary<ulong, int>();
        Span<ulong> stack = stackalloc ulong[PerfEventSampler.StackWords];
        for (var position = 0; position < records.Count;)
        {
            var length = (int)records[position];
            var sp = records[position + 2];
            for (var i = 0; i < stack.Length; i++)
            {
                stack[i] = records[position + 3 + i];
            }

            chain.Clear();
            for (var i = position + 3 + stack.Length; i < position + length; i++)
            {
                chain.Add(records[i]);
            }

            position += length;
            if (chain.Count == 0)
            {
                continue;
            }

            if (MissingCaller(chain, sp, stack, managed, modules, prologues) is { } caller)
            {
                chain.Insert(1, caller);
                result.Repaired++;
            }

            frames.Clear();
            var inBody = false;
            string? previousModule = null;
            for (var i = 0; i < chain.Count; i++)
            {
                var symbol = Resolve(i == 0 ? chain[i] : chain[i] - 1, managed, modules);
                var name = symbol?.Name ?? "[unknown code]";
                if (name.StartsWith(WorkloadFrames.PerfEventBodyMarker, StringComparison.Ordinal) || name.StartsWith(BodyCallerMarker, StringComparison.Ordinal))
                {
                    inBody = true;
                    break;
                }

                // Native code without symbols: one frame per run of addresses in the same module.
                if (symbol is null || symbol.Value.Kind == PerfMapSymbols.SymbolKind.Module)
                {
                    if (name == previousModule)
                    {
                        continue;
                    }

                    previousModule = name;
                }
                else
                {
                    previousModule = null;
                }

                frames.Add(name);
            }

            if (!inBody)
            {
                // The session's own instructions around the body, or a stack the frame-pointer walk could not follow.
                result.Unattributed++;
                continue;
            }

            frames.Reverse();
            if (frames.Count == 0)
            {
                frames.Add("[body]");
            }

            result.Samples++;
            var leafSymbol = Resolve(chain[0], managed, modules);
            if (leafSymbol is not { Kind: PerfMapSymbols.SymbolKind.Managed })
            {
                result.OutsideManaged++;
            }

            var key = string.Join(";", frames);
            result.Stacks[key] = result.Stacks.TryGetValue(key, out var existing) ? (existing.Frames, existing.Count + 1) : ([.. frames], 1);
        }

        return result;
    }

    /// <summary>The code addresses of the samples (return addresses less one) that lie in precompiled images and no
    /// jitted method covers, and how many samples have one.</summary>
    public static (HashSet<ulong> Addresses, int Samples) InPrecompiledCode(List<ulong> records, PerfMapSymbols.Symbol[] managed, PerfMapSymbols.Symbol[] modules)
    {
        var addresses = new HashSet<ulong>();
        var samples = 0;
        for (var position = 0; position < records.Count;)
        {
            var length = (int)records[position];
            var before = addresses.Count;
            for (var i = position + 3 + PerfEventSampler.StackWords; i < position + length; i++)
            {
                var address = i == position + 3 + PerfEventSampler.StackWords ? records[i] : records[i] - 1;
                if (Find(managed, address) is null && Find(modules, address) is { } module && module.Name.EndsWith(NativeModules.PrecompiledSuffix, StringComparison.Ordinal))
                {
                    addresses.Add(address);
                }
            }

            samples += addresses.Count > before ? 1 : 0;
            position += length;
        }

        return (addresses, samples);
    }

    internal static PerfMapSymbols.Symbol? Resolve(ulong address, PerfMapSymbols.Symbol[] managed, PerfMapSymbols.Symbol[] modules)
    {
        if (Find(managed, address) is { } symbol)
        {
            return symbol;
        }

        return Find(modules, address);
    }

    private static PerfMapSymbols.Symbol? Find(PerfMapSymbols.Symbol[] symbols, ulong address)
    {
        int low = 0, high = symbols.Length - 1;
        while (low <= high)
        {
            var middle = (low + high) >>> 1;
            if (symbols[middle].Start <= address)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return high >= 0 && symbols[high].Contains(address) ? symbols[high] : null;
    }

    private static ulong? MissingCaller(List<ulong> chain, ulong sp, ReadOnlySpan<ulong> stack, PerfMapSymbols.Symbol[] managed, PerfMapSymbols.Symbol[] modules, Dictionary<ulong, int> prologues)
    {
        var ip = chain[0];
        int slots;
        if (Find(managed, ip) is { } method)
        {
            var frameBuiltAt = FrameBuiltAt(method, prologues);
            var offset = (long)(ip - method.Start);
            if (frameBuiltAt == NoFramePointer)
            {
                // A method without a frame-pointer frame: rbp is still its caller's, so the walk skips that caller. Its
                // return address is the first one above its pushes and locals.
                slots = stack.Length;
            }
            else if (frameBuiltAt > 0 && (offset < frameBuiltAt || IsReturn(ip)))
            {
                // In the prologue before rbp is set, or at the final ret after rbp was restored.
                slots = stack.Length;
            }
            else
            {
                return null;
            }
        }
        else if (IsReturn(ip) || Find(modules, ip) is not null)
        {
            // Native code has no symbols here: only a leaf about to return, or a frameless leaf (assembly helpers
            // such as memset or the runtime's write barriers), whose return address is the word at the stack pointer.
            slots = 1;
        }
        else
        {
            return null;
        }

        for (var i = 0; i < slots; i++)
        {
            var word = stack[i];
            if (word == 0 || Resolve(word - 1, managed, modules) is not { } symbol || !FollowsCall(word, symbol))
            {
                continue;
            }

            return chain.Count > 1 && chain[1] == word ? null : word;
        }

        return null;
    }

    private const int NoFramePointer = -1;

    // Where a jitted method has built its frame: the end of "mov rbp, rsp" or "lea rbp, [rsp+n]" in its prologue, which
    // starts with "push rbp" (0x55); NoFramePointer when it does not push rbp at all; 0 when the prologue is not recognised.
    private static int FrameBuiltAt(PerfMapSymbols.Symbol method, Dictionary<ulong, int> prologues)
    {
        if (prologues.TryGetValue(method.Start, out var known))
        {
            return known;
        }

        Span<byte> code = stackalloc byte[48];
        code = code[..(int)Math.Min((ulong)code.Length, method.Size)];
        var result = 0;
        if (code.Length > 0 && PerfEventInterop.TryReadOwnMemory(method.Start, code))
        {
            if (code[0] != 0x55)
            {
                result = NoFramePointer;
            }
            else
            {
                for (var i = 1; i + 3 <= code.Length && result == 0; i++)
                {
                    if (code[i] != 0x48)
                    {
                        continue;
                    }

                    result = (code[i + 1], code[i + 2]) switch
                    {
                        (0x8B, 0xEC) or (0x89, 0xE5) => i + 3,                                   // mov rbp, rsp
                        (0x8D, 0x6C) when i + 5 <= code.Length && code[i + 3] == 0x24 => i + 5,  // lea rbp, [rsp+disp8]
                        (0x8D, 0xAC) when i + 8 <= code.Length && code[i + 3] == 0x24 => i + 8,  // lea rbp, [rsp+disp32]
                        _ => 0,
                    };
                }
            }
        }

        prologues[method.Start] = result;
        return result;
    }

    private static bool IsReturn(ulong ip)
    {
        Span<byte> instruction = stackalloc byte[1];
        return PerfEventInterop.TryReadOwnMemory(ip, instruction) && instruction[0] == 0xC3;
    }

    // A return address is preceded by a call: E8 rel32, or FF /2 (register or memory operand, 2 to 7 bytes long).
    private static bool FollowsCall(ulong returnAddress, PerfMapSymbols.Symbol symbol)
    {
        var available = (int)Math.Min(7, returnAddress - symbol.Start);
        if (available < 2)
        {
            return false;
        }

        Span<byte> code = stackalloc byte[7];
        code = code[..available];
        if (!PerfEventInterop.TryReadOwnMemory(returnAddress - (ulong)available, code))
        {
            return false;
        }

        if (available >= 5 && code[available - 5] == 0xE8)
        {
            return true;
        }

        for (var length = 2; length <= available; length++)
        {
            if (code[available - length] == 0xFF && ((code[available - length + 1] >> 3) & 7) == 2)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Named stacks and what could not be named.</summary>
    internal sealed class Result
    {
        public Dictionary<string, (string[] Frames, int Count)> Stacks { get; } = new(StringComparer.Ordinal);

        public int Samples { get; set; }

        public int OutsideManaged { get; set; }

        public int Unattributed { get; set; }

        public int Repaired { get; set; }
    }
}
