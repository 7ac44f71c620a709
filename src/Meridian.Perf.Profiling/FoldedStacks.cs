using System.Globalization;
using System.Text;

namespace Meridian.Perf.Profiling;

/// <summary>
/// Folded stacks, the text format of Brendan Gregg's <c>flamegraph.pl</c> and of inferno: one line per distinct stack,
/// frames root first separated by <c>;</c>, then a space and the weight (<c>Main;Parse;ReadHeader 42</c>).
/// </summary>
/// <remarks>Weights are written as whole numbers (estimated bytes are rounded), which every reader of the format
/// accepts. A <c>;</c> inside a frame name would split the frame, so it is written as <c>,</c>.</remarks>
public static class FoldedStacks
{
    /// <summary>Writes stacks as folded lines, identical stacks merged, heaviest first.</summary>
    /// <param name="writer">Where to write.</param>
    /// <param name="stacks">The stacks.</param>
    public static void Write(TextWriter writer, IEnumerable<StackSample> stacks)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(stacks);
        foreach (var stack in Merge(stacks))
        {
            writer.Write(FormatLine(stack));
            writer.Write('\n');
        }
    }

    /// <summary>Formats stacks as folded text, identical stacks merged, heaviest first.</summary>
    /// <param name="stacks">The stacks.</param>
    /// <returns>The text, one line per stack.</returns>
    public static string Format(IEnumerable<StackSample> stacks)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        Write(writer, stacks);
        return writer.ToString();
    }

    /// <summary>Reads folded stacks back: each line's frames and weight.</summary>
    /// <param name="reader">The folded text.</param>
    /// <returns>One stack per non-empty line.</returns>
    /// <exception cref="FormatException">A line has no weight after its last space.</exception>
    public static IReadOnlyList<StackSample> Parse(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var stacks = new List<StackSample>();
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            var space = line.LastIndexOf(' ');
            if (space <= 0 || !double.TryParse(line.AsSpan(space + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var weight))
            {
                throw new FormatException($"Folded stacks line {lineNumber} does not end in ' <weight>': \"{line}\".");
            }

            stacks.Add(new StackSample(line[..space].Split(';'), weight));
        }

        return stacks;
    }

    /// <summary>Reads folded stacks back from text.</summary>
    /// <param name="text">The folded text.</param>
    /// <returns>One stack per non-empty line.</returns>
    /// <exception cref="FormatException">A line has no weight after its last space.</exception>
    public static IReadOnlyList<StackSample> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        using var reader = new StringReader(text);
        return Parse(reader);
    }

    internal static string FormatLine(StackSample stack)
    {
        var line = new StringBuilder();
        for (var i = 0; i < stack.Frames.Count; i++)
        {
            if (i > 0)
            {
                line.Append(';');
            }

            line.Append(stack.Frames[i].Replace(';', ','));
        }

        line.Append(' ');
        line.Append(Math.Round(stack.Weight).ToString("0", CultureInfo.InvariantCulture));
        return line.ToString();
    }

    private static IEnumerable<StackSample> Merge(IEnumerable<StackSample> stacks) =>
        stacks
            .GroupBy(stack => string.Join(";", stack.Frames), StringComparer.Ordinal)
            .Select(group => new StackSample(group.First().Frames, group.Sum(stack => stack.Weight)))
            .OrderByDescending(stack => stack.Weight)
            .ThenBy(stack => string.Join(";", stack.Frames), StringComparer.Ordinal);
}
