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

    /// <summary>The frame that stands for the garbage collector's work: a sample in the runtime's native code during a
    /// GC pause, under the managed frame whose allocation started the collection.</summary>
    public const string GcFrame = "[GC]";

    /// <summary>The frame that stands for the GC write barrier (the card-marking helper the JIT calls where a reference
    /// is stored into the heap), under the storing managed frame.</summary>
    public const string WriteBarrierFrame = "[GC write barrier]";

    /// <summary>The frame that stands for the runtime's allocation helpers (getting and clearing fresh memory) outside a
    /// collection, under the allocating managed frame.</summary>
    public const string AllocationFrame = "[allocation]";

    public static Result Build(
        List<ulong> records,
        PerfMapSymbols.Symbol[] managed,
        PerfMapSymbols.Symbol[] modules,
        (long Start, long End)[]? pauses = null,
        RuntimeHelperProbes? helpers = null,
        bool keepAddresses = false,
        bool pausesComplete = true)
    {
        var result = new Result();
        var chain = new List<ulong>(128);
        var words = new List<(int Slot, ulong Value)>(64);
        var frames = new List<string>(128);
        var addresses = new List<ulong>(128);
        var prologues = new Dictionary<ulong, int>();

        // Samples inside a GC pause whose native part was deeper than the captured stack, by pause; and per pause the
        // managed part of a sample whose callers were found (the thread stays in one allocation for a whole pause).
        var unplaced = new List<(int Pause, string[] Frames, ulong[] Addresses)>();
        var placed = new Dictionary<int, (string[] Frames, ulong[] Addresses)>();

        // When GC events were lost (the profile got fewer pauses than collections), the collector's own code is known
        // from the samples inside the pauses that did arrive: native return addresses seen there and never in samples
        // named allocation or write barrier. Unnamed native samples outside every pause that run that code are the
        // collector's too.
        var inPauseCode = new HashSet<ulong>();
        var helperCode = new HashSet<ulong>();
        var unnamed = new List<(string[] Frames, ulong[] Addresses, int NativeFrames, ulong[] NativeCode)>();
        Span<ulong> stack = stackalloc ulong[PerfEventSampler.StackWords];
        for (var position = 0; position < records.Count;)
        {
            var length = (int)records[position];
            var sp = records[position + PerfEventSampler.StackPointerOffset];
            for (var i = 0; i < stack.Length; i++)
            {
                stack[i] = records[position + PerfEventSampler.TopOfStackOffset + i];
            }

            chain.Clear();
            var chainStart = ChainStart(records, position);
            for (var i = chainStart; i < position + length; i++)
            {
                chain.Add(records[i]);
            }

            words.Clear();
            for (var i = 0; i < stack.Length; i++)
            {
                words.Add((i, stack[i]));
            }

            for (var i = position + PerfEventSampler.CodeWordsOffset + 1; i < chainStart; i += 2)
            {
                words.Add(((int)records[i], records[i + 1]));
            }

            var time = (long)records[position + PerfEventSampler.TimeOffset];
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

            var native = NativeRunLength(chain, managed, modules);
            string? nativeLabel = null;
            var recovered = 0;
            var pause = -1;
            if (native > 0)
            {
                recovered = RecoverManagedCallers(chain, native, words, managed, modules, helpers);
                result.NativeCallersRecovered += recovered > 0 ? 1 : 0;
                pause = pauses is { Length: > 0 } ? PauseAt(pauses, time) : -1;
                nativeLabel = pause >= 0 ? GcFrame : NativeLabel(chain, native, helpers);
            }

            frames.Clear();
            addresses.Clear();
            var nativeFrames = 0;
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
                addresses.Add(symbol is { Kind: PerfMapSymbols.SymbolKind.Managed } ? (i == 0 ? chain[i] : chain[i] - 1) : 0);
                if (i < native)
                {
                    nativeFrames = frames.Count;
                }
            }

            if (!inBody)
            {
                // The session's own instructions around the body, or a stack the frame-pointer walk could not follow.
                result.Unattributed++;
                continue;
            }

            if (!pausesComplete && native > 1)
            {
                var code = nativeLabel == GcFrame ? inPauseCode : nativeLabel is not null ? helperCode : null;
                for (var i = 1; i < native && code is not null; i++)
                {
                    code.Add(chain[i]);
                }

                if (nativeLabel is null && nativeFrames > 0)
                {
                    unnamed.Add(([.. frames], [.. addresses], nativeFrames, [.. chain.GetRange(1, native - 1)]));
                    result.Samples++;
                    result.OutsideManaged++;
                    continue;
                }
            }

            if (nativeLabel is not null && nativeFrames > 0)
            {
                // The runtime's code that works for the frame below: the collector (run on this thread because its
                // allocation started the collection), the allocation helpers, the write barrier.
                frames.RemoveRange(0, nativeFrames);
                frames.Insert(0, nativeLabel);
                addresses.RemoveRange(0, nativeFrames);
                addresses.Insert(0, 0);
                result.InGc += nativeLabel == GcFrame ? 1 : 0;
            }

            frames.Reverse();
            addresses.Reverse();
            if (frames.Count == 0)
            {
                frames.Add("[body]");
                addresses.Add(0);
            }

            result.Samples++;
            var leafSymbol = Resolve(chain[0], managed, modules);
            if (leafSymbol is not { Kind: PerfMapSymbols.SymbolKind.Managed })
            {
                result.OutsideManaged++;
            }

            if (pause >= 0 && nativeLabel == GcFrame)
            {
                if (recovered < 0)
                {
                    unplaced.Add((pause, [.. frames], [.. addresses]));
                    continue;
                }

                placed.TryAdd(pause, ([.. frames], [.. addresses]));
            }

            Add(result, frames, addresses, keepAddresses);
        }

        foreach (var (pause, stackFrames, stackAddresses) in unplaced)
        {
            var found = placed.TryGetValue(pause, out var known);
            Add(result, found ? known.Frames : stackFrames, found ? known.Addresses : stackAddresses, keepAddresses);
            result.NativeCallersRecovered += found ? 1 : 0;
        }

        inPauseCode.ExceptWith(helperCode);
        foreach (var (stackFrames, stackAddresses, nativeCount, nativeCode) in unnamed)
        {
            var names = new List<string>(stackFrames);
            var codes = new List<ulong>(stackAddresses);
            if (nativeCode.Any(inPauseCode.Contains))
            {
                names.RemoveRange(0, nativeCount);
                names.Insert(0, GcFrame);
                codes.RemoveRange(0, nativeCount);
                codes.Insert(0, 0);
                result.InGc++;
            }

            names.Reverse();
            codes.Reverse();
            Add(result, names, codes, keepAddresses);
        }

        return result;
    }

    // Identical stacks are merged; with addresses kept, only stacks whose frames ran at the same addresses.
    private static void Add(Result result, IReadOnlyList<string> frames, IReadOnlyList<ulong> addresses, bool keepAddresses)
    {
        var key = keepAddresses ? string.Join(";", frames) + "|" + string.Join(",", addresses) : string.Join(";", frames);
        result.Stacks[key] = result.Stacks.TryGetValue(key, out var existing)
            ? (existing.Frames, existing.Addresses, existing.Count + 1)
            : ([.. frames], keepAddresses ? [.. addresses] : [], 1);
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
            var chainStart = ChainStart(records, position);
            for (var i = chainStart; i < position + length; i++)
            {
                var address = i == chainStart ? records[i] : records[i] - 1;
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

    // How many frames at the top of the chain are not managed code: native libraries, runtime stubs, unknown code
    // (precompiled code that no method names yet is managed code).
    private static int NativeRunLength(List<ulong> chain, PerfMapSymbols.Symbol[] managed, PerfMapSymbols.Symbol[] modules)
    {
        var count = 0;
        while (count < chain.Count)
        {
            var address = count == 0 ? chain[count] : chain[count] - 1;
            if (Find(managed, address) is not null
                || (Find(modules, address) is { } module && module.Name.EndsWith(NativeModules.PrecompiledSuffix, StringComparison.Ordinal)))
            {
                break;
            }

            count++;
        }

        return count;
    }

    // What the native code at the top of a stack does for its managed caller outside a GC pause, when that is known:
    // the write barrier or an allocation helper (the caller's call instruction calls one).
    private static string? NativeLabel(List<ulong> chain, int native, RuntimeHelperProbes? helpers)
    {
        if (helpers is null)
        {
            return null;
        }

        // A caller whose call into a helper is still on the stack is inside that helper, and so is everything below it:
        // the helpers' slow paths run the framework's own (managed) code before they reach native code.
        for (var i = native; i < Math.Min(chain.Count, native + HelperCallerDepth); i++)
        {
            var target = RuntimeHelperProbes.CallTarget(chain[i]);
            if (helpers.Barriers.Contains(target))
            {
                return WriteBarrierFrame;
            }

            if (helpers.Allocators.Contains(target))
            {
                return AllocationFrame;
            }
        }

        return null;
    }

    // How many managed callers out from the native code are asked whether they called a helper.
    private const int HelperCallerDepth = 4;

    // The index of the pause that holds the time, or -1.
    private static int PauseAt((long Start, long End)[] pauses, long time)
    {
        var high = SortedStarts.LastAtOrBefore<(long Start, long End), long, PauseStart>(pauses, time);
        return high >= 0 && time <= pauses[high].End ? high : -1;
    }

    /// <summary>
    /// Puts back the managed frames that the frame-pointer walk lost below native code. The runtime's helpers (allocation,
    /// write barriers) are entered without a frame of their own, and its transition frames hold no frame-pointer link,
    /// so the walk out of native code skips the managed method that called it, or jumps several frames. The sampler keeps
    /// the words of the stack that point into code: above the outermost native return address of the chain, the return
    /// addresses into managed code up to the chain's next managed frame are the skipped callers, nearest first.
    /// </summary>
    /// <returns>How many frames were inserted; -1 when the native part is deeper than the captured stack.</returns>
    private static int RecoverManagedCallers(
        List<ulong> chain,
        int native,
        List<(int Slot, ulong Value)> words,
        PerfMapSymbols.Symbol[] managed,
        PerfMapSymbols.Symbol[] modules,
        RuntimeHelperProbes? helpers)
    {
        // Where the native part of the stack ends: the slot of its outermost return address (none for a lone leaf).
        var from = -1;
        if (native > 1)
        {
            var outermost = chain[native - 1];
            var index = words.FindIndex(word => word.Value == outermost);
            if (index < 0)
            {
                // The native part is deeper than the captured stack.
                return -1;
            }

            from = words[index].Slot;
        }

        var next = native < chain.Count ? chain[native] : 0;
        var to = int.MaxValue;
        if (next != 0)
        {
            var index = words.FindIndex(word => word.Slot > from && word.Value == next);
            to = index < 0 ? int.MaxValue : words[index].Slot;
        }

        var inserted = 0;
        PerfMapSymbols.Symbol? callee = null;
        foreach (var (slot, value) in words)
        {
            if (slot <= from || slot >= to || value == 0)
            {
                continue;
            }

            // Managed code: jitted, or precompiled (ReadyToRun) code that no method names yet.
            if ((Find(managed, value - 1) ?? PrecompiledModule(value - 1, modules)) is not { } method || !FollowsCall(value, method))
            {
                continue;
            }

            // The nearest caller is taken as found; a further one unless its call instruction is known to call another
            // method than the frame below it: a stale return address left in a frame's locals calls something else.
            if (callee is { } below && Calls(value, below, managed, helpers) == false)
            {
                continue;
            }

            if (to == int.MaxValue && inserted > 0 && (callee is not { } called || Calls(value, called, managed, helpers) != true))
            {
                // Without the next frame's slot, a caller beyond the nearest is taken only where its call instruction is
                // known to call the frame below it.
                break;
            }

            if (inserted == 0 && next != 0 && Find(managed, next - 1) is { } guessed && guessed.Name == method.Name)
            {
                // The walk's next frame is in the nearest caller's method at another address: the walk's guess through
                // the runtime's frame records (a stale return address of the same method). The caller found replaces it,
                // and the words between are stale too.
                chain[native] = value;
                return 1;
            }

            chain.Insert(native + inserted, value);
            inserted++;
            callee = method;
        }

        return inserted;
    }

    private static PerfMapSymbols.Symbol? PrecompiledModule(ulong address, PerfMapSymbols.Symbol[] modules) =>
        Find(modules, address) is { } module && module.Name.EndsWith(NativeModules.PrecompiledSuffix, StringComparison.Ordinal) ? module : null;

    // Whether the call instruction before a return address calls the method (its code, or a stub that jumps there),
    // or an allocation helper or write barrier (whose slow paths run the framework's managed code); null when the target
    // cannot be told (a call through a register, a stub of another shape, other native code).
    private static bool? Calls(ulong returnAddress, PerfMapSymbols.Symbol method, PerfMapSymbols.Symbol[] managed, RuntimeHelperProbes? helpers)
    {
        var target = RuntimeHelperProbes.CallTarget(returnAddress);
        if (target != 0 && helpers is not null && (helpers.Allocators.Contains(target) || helpers.Barriers.Contains(target)))
        {
            return true;
        }

        return target != 0 && Find(managed, target) is { } symbol ? symbol.Name == method.Name : null;
    }

    /// <summary>Where the call chain of the record at <paramref name="position"/> starts.</summary>
    internal static int ChainStart(List<ulong> records, int position) =>
        position + PerfEventSampler.CodeWordsOffset + 1 + (2 * (int)records[position + PerfEventSampler.CodeWordsOffset]);

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
        var high = SortedStarts.LastAtOrBefore<PerfMapSymbols.Symbol, ulong, SymbolStart>(symbols, address);
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
        /// <summary>Gets the stacks: frames root first, with each frame's code address (0 for native code and labels)
        /// when addresses were kept, and the number of samples.</summary>
        public Dictionary<string, (string[] Frames, ulong[] Addresses, int Count)> Stacks { get; } = new(StringComparer.Ordinal);

        public int Samples { get; set; }

        public int OutsideManaged { get; set; }

        public int Unattributed { get; set; }

        public int Repaired { get; set; }

        public int NativeCallersRecovered { get; set; }

        public int InGc { get; set; }
    }

    private readonly struct PauseStart : IStartOf<(long Start, long End), long>
    {
        public static long Of((long Start, long End) item) => item.Start;
    }

    private readonly struct SymbolStart : IStartOf<PerfMapSymbols.Symbol, ulong>
    {
        public static ulong Of(PerfMapSymbols.Symbol item) => item.Start;
    }
}
