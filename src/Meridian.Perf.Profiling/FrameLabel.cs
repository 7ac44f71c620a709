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
        var type = segments.Count >= 2 ? segments[^2] : string.Empty;
        var method = segments[^1];
        return Readable(type, method);
    }

    // Compiler-generated names made readable: "Program+<>c__DisplayClass0_0" is the closure of Program,
    // "<Main>g__Workload|0_1" the local function Workload in Main, "<Parse>b__3_0" a lambda in Parse, "<Main>$" top-level code.
    private static string Readable(string type, string method)
    {
        var closure = type.IndexOf("+<>c", StringComparison.Ordinal);
        if (closure > 0)
        {
            type = type[..closure];
        }

        method = method.Replace("<Main>$", "Main", StringComparison.Ordinal);
        var localFunction = method.IndexOf(">g__", StringComparison.Ordinal);
        if (method.StartsWith('<') && localFunction > 0)
        {
            var end = method.IndexOf('|', localFunction);
            method = end > 0 ? method[(localFunction + 4)..end] : method[(localFunction + 4)..];
        }
        else if (method.StartsWith('<') && method.IndexOf(">b__", StringComparison.Ordinal) is var lambda and > 0)
        {
            method = method[1..lambda].TrimStart('<').TrimEnd('>') + " (lambda)";
        }

        return type.Length == 0 ? method : type + "." + method;
    }
}
