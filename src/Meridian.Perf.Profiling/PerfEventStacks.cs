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
    private const string BodyMarker = "Meridian.Perf.Profiling.WorkloadFrames.RunBody(";

    // RunBody's caller. The JIT does not give every method a frame-pointer frame: when the body's own delegate has none,
    // the walk skips the return address into RunBody and goes on at RunBody's caller, which marks the body as well.
    private const string BodyCallerMarker = "Meridian.Perf.Profiling.PerfEventProfiler.TryProfile(";

    public static Result Build(List<ulong> records, PerfMapSymbols.Symbol[] managed, PerfMapSymbols.Symbol[] modules)
    {
        var result = new Result();
        var chain = new List<ulong>(128);
        var frames = new List<string>(128);
        Span<ulong> stack = stackalloc ulong[PerfEventSampler.StackWords];
        for (var position = 0; position < records.Count;)
        {
            var length = (int)records[position];
            var bp = records[position + 1];
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

            if (MissingCaller(chain, bp, sp, stack, managed, modules) is { } caller)
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
                if (name.StartsWith(BodyMarker, StringComparison.Ordinal) || name.StartsWith(BodyCallerMarker, StringComparison.Ordinal))
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

    private static ulong? MissingCaller(List<ulong> chain, ulong bp, ulong sp, ReadOnlySpan<ulong> stack, PerfMapSymbols.Symbol[] managed, PerfMapSymbols.Symbol[] modules)
    {
        // With a built frame the return address sits at bp + 8 and the walk found it; without one it sits between
        // sp and the caller's bp. rbp used as a general register (no frame at all) makes any slot a candidate.
        var frameLooksValid = bp > sp && bp - sp < (1 << 20);
        for (var i = 0; i < stack.Length; i++)
        {
            var slot = sp + ((ulong)i * sizeof(ulong));
            if (frameLooksValid && slot >= bp)
            {
                return null;
            }

            var word = stack[i];
            if (word == 0 || Resolve(word - 1, managed, modules) is not { } symbol || !FollowsCall(word, symbol))
            {
                continue;
            }

            return chain.Count > 1 && chain[1] == word ? null : word;
        }

        return null;
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
