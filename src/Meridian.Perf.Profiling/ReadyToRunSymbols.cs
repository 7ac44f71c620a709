using System.Diagnostics.Tracing;
using Meridian.Perf.Runtime;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Parsers;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

namespace Meridian.Perf.Profiling;

/// <summary>
/// Names of precompiled (ReadyToRun) methods, which the runtime's perf map leaves out: an EventPipe session started and
/// stopped at once, whose rundown lists every loaded method with its code range (precompiled ones included, through
/// the NGen keyword), read straight from the stream. Taken only when samples landed in precompiled code; its methods
/// do not move, so they are kept for later profiles of the process.
/// </summary>
internal static class ReadyToRunSymbols
{
    private static readonly object Gate = new();
    private static PerfMapSymbols.Symbol[] s_symbols = [];

    /// <summary>Gets the precompiled methods named by earlier rundowns.</summary>
    public static PerfMapSymbols.Symbol[] Known
    {
        get
        {
            lock (Gate)
            {
                return s_symbols;
            }
        }
    }

    /// <summary>The precompiled methods known so far, after a rundown when one of <paramref name="addresses"/> is not
    /// covered yet; the known ones when the rundown fails.</summary>
    public static PerfMapSymbols.Symbol[] Covering(IReadOnlyCollection<ulong> addresses)
    {
        lock (Gate)
        {
            if (addresses.Count == 0 || addresses.All(address => PerfEventStacks.Resolve(address, s_symbols, []) is not null))
            {
                return s_symbols;
            }

            try
            {
                s_symbols = Rundown();
            }
            catch (Exception error) when (error is ProfilingUnavailableException or IOException or InvalidOperationException or ServerNotAvailableException)
            {
                // The frames stay named by their image.
            }

            return s_symbols;
        }
    }

    private static PerfMapSymbols.Symbol[] Rundown()
    {
        EventPipeProvider[] providers = [new(DotNetRuntimeProvider.Name, EventLevel.Informational, DotNetRuntimeProvider.LoaderKeyword)];
        string path;
        using (var session = InProcessTraceSession.Start(providers, ProfilerOptions.Default with { BufferMegabytes = 64 }, "precompiled-code rundown"))
        {
            path = session.StopWithoutConverting();
        }

        var symbols = new Dictionary<ulong, PerfMapSymbols.Symbol>();
        try
        {
            using var source = new EventPipeEventSource(path);
            var rundown = new ClrRundownTraceEventParser(source);
            rundown.MethodDCStopVerbose += method =>
            {
                if (method.MethodStartAddress == 0 || method.MethodSize == 0)
                {
                    return;
                }

                var signature = method.MethodSignature;
                var parameters = signature.IndexOf('(', StringComparison.Ordinal);
                var name = $"{method.MethodNamespace}.{method.MethodName}{(parameters >= 0 ? signature[parameters..] : "()")}";
                symbols[method.MethodStartAddress] = new PerfMapSymbols.Symbol(method.MethodStartAddress, (ulong)method.MethodSize, name, PerfMapSymbols.SymbolKind.Managed);
            };
            source.Process();
        }
        finally
        {
            File.Delete(path);
        }

        return [.. symbols.Values.OrderBy(static symbol => symbol.Start)];
    }
}
