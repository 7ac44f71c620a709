using System.Diagnostics.Tracing;
using Meridian.Perf.Runtime;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Parsers;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

namespace Meridian.Perf.Profiling;

/// <summary>
/// Source lines of code addresses in jitted methods: an EventPipe session started and stopped at once, whose rundown
/// lists every method's code (start, size, token, module; one entry per code version) and its IL-to-native map, read
/// straight from the stream; then the portable PDB maps the IL offset to its statement. The JIT maps inlined code to the
/// IL offset of the call it replaced, so a caller's own samples split by statement, inlined callees included.
/// </summary>
internal sealed class SourceLineRundown : IDisposable
{
    private readonly Code[] _code;
    private readonly PortablePdbLines _pdbs = new();

    private SourceLineRundown(Code[] code) => _code = code;

    /// <summary>Takes the rundown; null when the session cannot be started.</summary>
    public static SourceLineRundown? Take()
    {
        EventPipeProvider[] providers = [new(DotNetRuntimeProvider.Name, EventLevel.Informational, DotNetRuntimeProvider.LoaderKeyword)];
        string path;
        try
        {
            using var session = InProcessTraceSession.Start(providers, ProfilerOptions.Default with { BufferMegabytes = 64 }, "source-line rundown");
            path = session.StopWithoutConverting();
        }
        catch (Exception error) when (error is ProfilingUnavailableException or IOException or InvalidOperationException or ServerNotAvailableException)
        {
            return null;
        }

        var methods = new Dictionary<(long Method, long Version), (ulong Start, ulong Size, int Token, long Module)>();
        var maps = new Dictionary<(long Method, long Version), (uint[] Native, int[] IL)>();
        var modules = new Dictionary<long, string>();
        try
        {
            using var source = new EventPipeEventSource(path);
            var rundown = new ClrRundownTraceEventParser(source);
            rundown.MethodDCStopVerbose += method =>
            {
                if (method.MethodStartAddress != 0 && method.MethodSize > 0)
                {
                    methods[(method.MethodID, method.ReJITID)] = (method.MethodStartAddress, (ulong)method.MethodSize, method.MethodToken, method.ModuleID);
                }
            };
            rundown.MethodILToNativeMapDCStop += map =>
            {
                if (map.MethodExtent != 0)
                {
                    return;
                }

                var native = new uint[map.CountOfMapEntries];
                var il = new int[map.CountOfMapEntries];
                for (var i = 0; i < native.Length; i++)
                {
                    native[i] = (uint)map.NativeOffset(i);
                    il[i] = map.ILOffset(i);
                }

                Array.Sort(native, il);
                maps[(map.MethodID, map.ReJITID)] = (native, il);
            };
            rundown.LoaderModuleDCStop += module => modules[module.ModuleID] = module.ModuleILPath;
            source.Process();
        }
        finally
        {
            File.Delete(path);
        }

        var code = new List<Code>(methods.Count);
        foreach (var (key, method) in methods)
        {
            if (maps.TryGetValue(key, out var map) && modules.TryGetValue(method.Module, out var module) && module.Length > 0)
            {
                code.Add(new Code(method.Start, method.Size, method.Token, module, map.Native, map.IL));
            }
        }

        return new SourceLineRundown([.. code.OrderBy(static c => c.Start)]);
    }

    /// <summary>The source line of a code address (an instruction pointer, or a return address less one), or null.</summary>
    public SourceLine? Find(ulong address)
    {
        var high = SortedStarts.LastAtOrBefore<Code, ulong, CodeStart>(_code, address);
        if (high < 0 || address - _code[high].Start >= _code[high].Size)
        {
            return null;
        }

        var code = _code[high];
        var offset = (uint)(address - code.Start);
        var index = Array.BinarySearch(code.Native, offset);
        index = index >= 0 ? index : ~index - 1;

        // The entry that covers the offset; prologue, epilogue and unmapped code (negative IL offsets) have no line.
        while (index >= 0 && index + 1 < code.Native.Length && code.Native[index + 1] == code.Native[index] && code.IL[index] < 0)
        {
            index++;
        }

        if (index < 0 || code.IL[index] < 0)
        {
            return null;
        }

        return _pdbs.Find(code.Module, code.Token, code.IL[index]) is { } line ? new SourceLine(line.File, line.Line) : null;
    }

    public void Dispose() => _pdbs.Dispose();

    private sealed record Code(ulong Start, ulong Size, int Token, string Module, uint[] Native, int[] IL);

    private readonly struct CodeStart : IStartOf<Code, ulong>
    {
        public static ulong Of(Code item) => item.Start;
    }
}
