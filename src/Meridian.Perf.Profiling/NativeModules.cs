using System.Globalization;

namespace Meridian.Perf.Profiling;

/// <summary>The executable file mappings of this process (<c>/proc/self/maps</c>): native libraries and ReadyToRun
/// images, named by file, for addresses the perf map does not name.</summary>
internal static class NativeModules
{
    /// <summary>How an image's code is named when no method covers an address in it.</summary>
    public const string PrecompiledSuffix = ": precompiled code]";

    private const string VirtualSharedObject = "[vdso]";

    public static PerfMapSymbols.Symbol[] Read()
    {
        var modules = new List<PerfMapSymbols.Symbol>();
        foreach (var line in File.ReadLines("/proc/self/maps"))
        {
            // address-range perms offset dev inode path
            var fields = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 6 || fields[1].Length < 3 || fields[1][2] != 'x' || !(fields[5].StartsWith('/') || fields[5].Trim() == VirtualSharedObject))
            {
                continue;
            }

            var dash = fields[0].IndexOf('-', StringComparison.Ordinal);
            var start = ulong.Parse(fields[0].AsSpan(0, dash), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
            var end = ulong.Parse(fields[0].AsSpan(dash + 1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
            // The kernel's vDSO (clock_gettime and friends, under Stopwatch) is named as the kernel names it.
            var file = fields[5].Trim() == VirtualSharedObject ? "vdso" : Path.GetFileName(fields[5].Trim());
            var name = file.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)
                ? $"[{file}{PrecompiledSuffix}"
                : $"[{file}]";
            modules.Add(new PerfMapSymbols.Symbol(start, end - start, name, PerfMapSymbols.SymbolKind.Module));
        }

        return [.. modules.OrderBy(static m => m.Start)];
    }
}
