using System.Globalization;
using Microsoft.Diagnostics.NETCore.Client;

namespace Meridian.Perf.Profiling;

/// <summary>
/// Names of code addresses in this process on Linux: jitted methods and runtime stubs from the runtime's perf map
/// (<c>/tmp/perf-&lt;pid&gt;.map</c>, the file <c>perf</c> reads, switched on through the diagnostic port on first use),
/// precompiled (ReadyToRun) code and native libraries by their module from <c>/proc/self/maps</c>.
/// </summary>
/// <remarks>The perf map stays on for the rest of the process once a profile switched it on (each method the JIT compiles
/// afterwards costs one line of text), and the file is deleted when the process exits normally. The map is read
/// incrementally: a later profile parses only the lines added since the previous one.</remarks>
internal sealed class PerfMapSymbols
{
    private static readonly object Gate = new();
    private static PerfMapSymbols? s_instance;

    private readonly string _path;
    private readonly List<Symbol> _added = [];
    private Symbol[] _symbols = [];
    private long _offset;

    private PerfMapSymbols(string path) => _path = path;

    /// <summary>Gets the perf map's path.</summary>
    public string PerfMapPath => _path;

    /// <summary>Makes sure the runtime writes its perf map, switching it on the first time; explains a failure.</summary>
    public static PerfMapSymbols? Ensure(out string? problem)
    {
        lock (Gate)
        {
            if (s_instance is not null)
            {
                problem = null;
                return s_instance;
            }

            var directory = Environment.GetEnvironmentVariable("DOTNET_PerfMapJitDumpPath") is { Length: > 0 } configured ? configured : "/tmp";
            var path = Path.Combine(directory, $"perf-{Environment.ProcessId}.map");
            var enabledAtStartup = Environment.GetEnvironmentVariable("DOTNET_PerfMapEnabled") is "1" or "3"
                || Environment.GetEnvironmentVariable("COMPlus_PerfMapEnabled") is "1" or "3";
            if (!enabledAtStartup)
            {
                try
                {
                    new DiagnosticsClient(Environment.ProcessId).EnablePerfMap(PerfMapType.PerfMap);
                }
                catch (Exception error) when (error is not OutOfMemoryException)
                {
                    problem = DiagnosticsAvailability.Explain("perf map for the CPU sampler", error);
                    return null;
                }

                // The runtime appends to the map for the rest of the process; the file is ours to remove.
                AppDomain.CurrentDomain.ProcessExit += (_, _) => TryDelete(path);
            }

            if (!File.Exists(path))
            {
                problem = $"the runtime's perf map {path} does not exist after switching it on";
                return null;
            }

            problem = null;
            return s_instance = new PerfMapSymbols(path);
        }
    }

    /// <summary>Reads the lines the runtime appended since the last call and returns the table of all methods so far.</summary>
    public Symbol[] Refresh()
    {
        lock (Gate)
        {
            using var file = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16);
            file.Position = _offset;
            var bytes = new byte[file.Length - _offset];
            var read = file.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
            var complete = Array.LastIndexOf(bytes, (byte)'\n', Math.Max(read - 1, 0)) + 1;
            if (complete == 0)
            {
                return _symbols;
            }

            var text = System.Text.Encoding.UTF8.GetString(bytes, 0, complete);
            _offset += complete;
            foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                if (Parse(line) is { } symbol)
                {
                    _added.Add(symbol);
                }
            }

            // A method compiled again (tier-up) has a new address; code freed and reused (collectible code) gets a
            // later line for the same address, which wins.
            var merged = new Dictionary<ulong, Symbol>(_symbols.Length + _added.Count);
            foreach (var symbol in _symbols)
            {
                merged[symbol.Start] = symbol;
            }

            foreach (var symbol in _added)
            {
                merged[symbol.Start] = symbol;
            }

            _added.Clear();
            _symbols = [.. merged.Values.OrderBy(static s => s.Start)];
            return _symbols;
        }
    }

    /// <summary>Parses one perf map line, <c>0xADDRESS SIZE [static |instance ]return-type [Assembly] Type::Method(args)[Tier]</c>
    /// or <c>0xADDRESS SIZE stub Name</c>, into a name in TraceEvent's style (<c>Namespace.Type.Method(args)</c>).</summary>
    internal static Symbol? Parse(string line)
    {
        var firstSpace = line.IndexOf(' ', StringComparison.Ordinal);
        var secondSpace = firstSpace < 0 ? -1 : line.IndexOf(' ', firstSpace + 1);
        if (secondSpace < 0)
        {
            return null;
        }

        var addressText = line.AsSpan(0, firstSpace);
        if (addressText.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            addressText = addressText[2..];
        }

        if (!ulong.TryParse(addressText, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var start)
            || !ulong.TryParse(line.AsSpan(firstSpace + 1, secondSpace - firstSpace - 1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var size))
        {
            return null;
        }

        var description = line[(secondSpace + 1)..];
        if (description.StartsWith("stub ", StringComparison.Ordinal))
        {
            return new Symbol(start, size, "[runtime stub " + description[5..] + "]", SymbolKind.RuntimeStub);
        }

        var name = description;
        var assembly = AssemblyStart(description);
        if (assembly >= 0)
        {
            var close = description.IndexOf("] ", assembly, StringComparison.Ordinal);
            name = description[(close + 2)..];
        }

        var parameters = name.LastIndexOf(')');
        if (parameters > 0 && parameters < name.Length - 1 && name[parameters + 1] == '[')
        {
            name = name[..(parameters + 1)];
        }

        return new Symbol(start, size, name.Replace("::", ".", StringComparison.Ordinal), SymbolKind.Managed);
    }

    // The assembly in brackets after the return type: " [Name] ", the first bracketed word preceded by a space.
    private static int AssemblyStart(string description)
    {
        for (var i = description.IndexOf(" [", StringComparison.Ordinal); i >= 0; i = description.IndexOf(" [", i + 1, StringComparison.Ordinal))
        {
            var close = description.IndexOf(']', i);
            if (close > i + 2 && close + 1 < description.Length && description[close + 1] == ' '
                && description.AsSpan(i + 2, close - i - 2).IndexOfAny(' ', '[') < 0)
            {
                return i;
            }
        }

        return -1;
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Left for the OS's temporary-file cleaning.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }

    /// <summary>What kind of code a symbol names.</summary>
    internal enum SymbolKind
    {
        /// <summary>A jitted method.</summary>
        Managed,

        /// <summary>A stub the runtime generated (precode, dispatch, helpers).</summary>
        RuntimeStub,

        /// <summary>Code of a mapped file: a native library or a ReadyToRun image.</summary>
        Module,
    }

    /// <summary>A named code range.</summary>
    internal readonly record struct Symbol(ulong Start, ulong Size, string Name, SymbolKind Kind)
    {
        public bool Contains(ulong address) => address - Start < Size;
    }
}
