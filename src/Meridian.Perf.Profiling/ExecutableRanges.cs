using System.Globalization;

namespace Meridian.Perf.Profiling;

/// <summary>The executable mappings of this process (<c>/proc/self/maps</c>: libraries, ReadyToRun images, the JIT's
/// code heaps and stubs), merged where adjacent: a quick test of whether a stack word may be a return address.</summary>
internal sealed class ExecutableRanges
{
    private readonly ulong[] _starts;
    private readonly ulong[] _ends;

    private ExecutableRanges(ulong[] starts, ulong[] ends)
    {
        _starts = starts;
        _ends = ends;
    }

    /// <summary>Reads the current mappings; none where the maps cannot be read.</summary>
    public static ExecutableRanges Read()
    {
        var ranges = new List<(ulong Start, ulong End)>();
        try
        {
            foreach (var line in File.ReadLines("/proc/self/maps"))
            {
                // address-range perms offset dev inode [path]
                var space = line.IndexOf(' ', StringComparison.Ordinal);
                if (space < 0 || line.Length < space + 4 || line[space + 3] != 'x')
                {
                    continue;
                }

                var dash = line.IndexOf('-', StringComparison.Ordinal);
                var start = ulong.Parse(line.AsSpan(0, dash), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
                var end = ulong.Parse(line.AsSpan(dash + 1, space - dash - 1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
                ranges.Add((start, end));
            }
        }
        catch (IOException)
        {
            return new ExecutableRanges([], []);
        }

        ranges.Sort();
        var starts = new List<ulong>();
        var ends = new List<ulong>();
        foreach (var (start, end) in ranges)
        {
            if (ends.Count > 0 && start <= ends[^1])
            {
                ends[^1] = Math.Max(ends[^1], end);
                continue;
            }

            starts.Add(start);
            ends.Add(end);
        }

        return new ExecutableRanges([.. starts], [.. ends]);
    }

    /// <summary>Whether <paramref name="address"/> lies in executable memory.</summary>
    public bool Contains(ulong address)
    {
        var high = SortedStarts.LastAtOrBefore<ulong, ulong, Identity>(_starts, address);
        return high >= 0 && address < _ends[high];
    }

    private readonly struct Identity : IStartOf<ulong, ulong>
    {
        public static ulong Of(ulong item) => item;
    }
}
