using System.Reflection;
using System.Runtime.CompilerServices;

namespace Meridian.Perf;

/// <summary>
/// Finds a test's body factory again in the baseline build's context. A factory is a static method (or a lambda that
/// captures nothing) that builds the body's state and returns the <see cref="Action"/> to time; it is called once
/// per context, so the state is built by the build it belongs to. Anything the factory captures from the test would
/// cross from one build into the other, so it is refused.
/// </summary>
internal static class BodyFactories
{
    private const string HowToWrite =
        "Build the state inside the factory instead, so that each build makes its own:\n" +
        "    static Action ParseBody() { var parser = new Parser(); string input = \"...\"; return () => BlackBox.Consume(parser.Parse(input)); }\n" +
        "    PerfAssert.NotSlowerThanBaselineBuild(ParseBody);\n" +
        "(a static method, a static local function or a static lambda; constants and static readonly data of the test assembly are fine).";

    /// <summary>Throws when <paramref name="factory"/> cannot be found again in another context.</summary>
    /// <exception cref="ArgumentException">The factory captures state, is an instance method or is generic; the message says how to write it.</exception>
    public static void Validate(Func<Action> factory)
    {
        var method = factory.Method;
        if (method.DeclaringType is null)
        {
            throw new ArgumentException($"The body factory {method.Name} is a dynamic method, which has no copy in the baseline build's context. {HowToWrite}", nameof(factory));
        }

        if (method.IsGenericMethod || method.DeclaringType.IsGenericType)
        {
            throw new ArgumentException($"The body factory {Name(method)} is generic; the baseline build's context can only find a non-generic one. {HowToWrite}", nameof(factory));
        }

        if (factory.Target is not { } target)
        {
            return;
        }

        var type = target.GetType();
        if (!type.IsDefined(typeof(CompilerGeneratedAttribute), inherit: false))
        {
            string what = method.Name.StartsWith('<')
                ? $"is a lambda that uses this (the {type.FullName} test object)"
                : $"{Name(method)} is an instance method of {type.FullName}";
            throw new ArgumentException(
                $"The body factory {what}: that object was made in the test's context and cannot cross into the baseline build's. Make the factory static. {HowToWrite}",
                nameof(factory));
        }

        // The compiler's closure class: its fields are the captured variables, plus cached delegates of inner lambdas (<>9__*).
        var captured = type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            .Where(f => !f.Name.StartsWith("<>9__", StringComparison.Ordinal))
            .Select(f => f.Name switch
            {
                "<>4__this" => "this (the test object)",
                _ when f.Name.StartsWith("CS$<>8__locals", StringComparison.Ordinal) => "variables of an enclosing scope",
                _ => f.Name,
            })
            .ToList();
        if (captured.Count > 0)
        {
            throw new ArgumentException(
                $"The body factory captures {string.Join(", ", captured)}: state made in the test's context would cross into the baseline build's context, where the library under test is another build (its objects are of other types there). {HowToWrite}",
                nameof(factory));
        }
    }

    /// <summary>The same factory, in the baseline build's copy of the test assembly.</summary>
    public static Func<Action> InContext(Func<Action> factory, Assembly testCopy)
    {
        var method = factory.Method;
        var copy = testCopy.ManifestModule.ResolveMethod(method.MetadataToken) as MethodInfo
            ?? throw new MissingMethodException($"{Name(method)} has no copy in the baseline build's context.");
        if (factory.Target is null)
        {
            return copy.CreateDelegate<Func<Action>>();
        }

        // A lambda that captures nothing lives on the compiler's singleton closure class (<>c, instance <>9).
        var type = copy.DeclaringType!;
        object target = type.GetField("<>9", BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)?.GetValue(null)
            ?? RuntimeHelpers.GetUninitializedObject(type);
        return copy.CreateDelegate<Func<Action>>(target);
    }

    /// <summary>Gets whether <paramref name="exception"/> says that the code needs something the loaded build does not have.</summary>
    public static bool IsMissing(Exception exception, out string what)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            string? file = e switch
            {
                FileNotFoundException f => f.FileName,
                FileLoadException f => f.FileName,
                BadImageFormatException f => f.FileName,
                _ => null,
            };
            if (e is TypeLoadException or MissingMemberException || IsAssemblyName(file))
            {
                what = $"{e.GetType().Name}: {e.Message}";
                return true;
            }
        }

        what = string.Empty;
        return false;
    }

    // "Sample.Parsing, Version=2.0.0.0, Culture=neutral, PublicKeyToken=null": an assembly, not a file the body opened.
    private static bool IsAssemblyName(string? name) => name is not null && name.Contains("Version=", StringComparison.Ordinal);

    private static string Name(MethodInfo method) => $"{method.DeclaringType?.FullName}.{method.Name}";
}
