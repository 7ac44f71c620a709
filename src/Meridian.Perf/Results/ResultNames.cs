using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text;

namespace Meridian.Perf.Results;

/// <summary>
/// Names a result: the caller's label (<see cref="PerfResults.Label"/>), else the <c>[ZeroAlloc]</c> test being
/// measured, else the method that called the library, found on the stack (compiler-generated async state machines,
/// lambdas and local functions are named after the method they were written in).
/// </summary>
internal static class ResultNames
{
    private static readonly Assembly Core = typeof(ResultNames).Assembly;

    /// <summary>The full name of a test method with its arguments, as test runners print it: <c>Ns.Class.Method(1, "a")</c>.</summary>
    public static string ForTest(MethodInfo method, IReadOnlyList<object?>? arguments)
    {
        var text = new StringBuilder(TypeName(method.DeclaringType)).Append('.').Append(method.Name);
        if (arguments is { Count: > 0 })
        {
            text.Append('(');
            for (int i = 0; i < arguments.Count; i++)
            {
                text.Append(i == 0 ? string.Empty : ", ").Append(Argument(arguments[i]));
            }

            text.Append(')');
        }

        return text.ToString();
    }

    /// <summary>The method that called into the library: the first frame on the stack outside Meridian.Perf's core.</summary>
    public static string FromCaller() => FromFrames(new StackTrace(1, fNeedFileInfo: false).GetFrames());

    /// <summary>Names the first of <paramref name="frames"/> outside Meridian.Perf's core.</summary>
    internal static string FromFrames(StackFrame[] frames)
    {
        foreach (var frame in frames)
        {
            if (frame.GetMethod() is { } method && method.DeclaringType is { } type && type.Assembly != Core)
            {
                return OfMethod(method);
            }
        }

        return "unnamed";
    }

    /// <summary>Names a method, mapping compiler-generated types and methods back to the method the code was written in.</summary>
    internal static string OfMethod(MethodBase method)
    {
        var type = method.DeclaringType!;
        string name = method.Name;
        // <Method>b__0_0 (lambda), <Method>g__Local|0_0 (local function), <Method>d__3.MoveNext (async/iterator).
        if (GeneratedOwner(name) is { } fromMethod)
        {
            name = fromMethod;
        }

        while (type.DeclaringType is { } outer && type.Name.StartsWith('<'))
        {
            if (GeneratedOwner(type.Name) is { } fromType && (name == "MoveNext" || name.StartsWith('<')))
            {
                name = fromType;
            }

            type = outer;
        }

        return TypeName(type) + "." + name;
    }

    private static string? GeneratedOwner(string name)
    {
        if (name.Length > 2 && name[0] == '<')
        {
            int end = name.IndexOf('>', StringComparison.Ordinal);
            if (end > 1)
            {
                return name[1..end];
            }
        }

        return null;
    }

    private static string TypeName(Type? type)
    {
        if (type is null)
        {
            return "global";
        }

        string name = type.Name;
        int tick = name.IndexOf('`', StringComparison.Ordinal);
        if (tick >= 0)
        {
            name = name[..tick];
        }

        string prefix = type.DeclaringType is { } outer ? TypeName(outer) : type.Namespace ?? string.Empty;
        return prefix.Length == 0 ? name : prefix + "." + name;
    }

    private static string Argument(object? value) => value switch
    {
        null => "null",
        string s => "\"" + s + "\"",
        char c => "'" + c + "'",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
