namespace Meridian.Perf.Profiling;

/// <summary>Short labels for frames: <c>Type.Method</c> without namespace and parameter list (the tooltip keeps the full name).</summary>
internal static class FrameLabel
{
    public static string Short(string frame)
    {
        if (frame.StartsWith("new ", StringComparison.Ordinal))
        {
            return frame;
        }

        var name = frame;
        var parameters = name.IndexOf('(', StringComparison.Ordinal);
        if (parameters > 0 && name.EndsWith(')'))
        {
            name = name[..parameters];
        }

        // Split on dots outside generic brackets; keep the last two segments (type and method).
        var segments = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < name.Length; i++)
        {
            switch (name[i])
            {
                case '[' or '<':
                    depth++;
                    break;
                case ']' or '>':
                    depth--;
                    break;
                case '.' when depth == 0 && i > start:
                    segments.Add(name[start..i]);
                    start = i + 1;
                    break;
            }
        }

        segments.Add(name[start..]);
        return segments.Count <= 2 ? name : segments[^2] + "." + segments[^1];
    }
}
