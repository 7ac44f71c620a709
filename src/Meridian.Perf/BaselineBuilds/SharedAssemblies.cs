namespace Meridian.Perf;

/// <summary>
/// The assemblies a baseline build's context always shares with the test's context, even when the baseline's folder
/// has a copy: the runtime's own (the shared framework), Meridian.Perf (one measuring engine, one set of statics) and
/// the test frameworks (one runner, one set of assertion exceptions).
/// </summary>
internal static class SharedAssemblies
{
    /// <summary>Meridian.Perf's own assemblies, by name: a library under test may well be called Meridian.Perf.Something.</summary>
    private static readonly HashSet<string> Measuring = new(StringComparer.OrdinalIgnoreCase)
    {
        "Meridian.Perf", "Meridian.Perf.Xunit", "Meridian.Perf.Xunit.V3", "Meridian.Perf.NUnit", "Meridian.Perf.MSTest",
        "Meridian.Perf.TUnit", "Meridian.Perf.Profiling",
    };

    private static readonly string[] TestFrameworkPrefixes =
    [
        "xunit", "nunit", "TUnit", "Microsoft.TestPlatform.", "Microsoft.VisualStudio.TestPlatform.",
        "Microsoft.VisualStudio.TestTools.", "Microsoft.Testing.", "MSTest.", "testhost",
    ];

    private static readonly Lazy<HashSet<string>> Framework = new(FrameworkAssemblies);

    /// <summary>Gets why <paramref name="simpleName"/> is shared, or null when it is not.</summary>
    public static string? Reason(string simpleName)
    {
        if (Framework.Value.Contains(simpleName))
        {
            return "part of the shared framework";
        }

        if (Measuring.Contains(simpleName))
        {
            return "the measuring library";
        }

        foreach (string prefix in TestFrameworkPrefixes)
        {
            if (simpleName.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return "the test framework";
            }
        }

        return null;
    }

    /// <summary>
    /// The trusted platform assemblies that live in the runtime's shared framework folders (<c>dotnet/shared/*</c>), not
    /// the app's own. A self-contained app has no such folder: there the framework's names are recognised instead.
    /// </summary>
    private static HashSet<string> FrameworkAssemblies()
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "System.Private.CoreLib", "netstandard", "mscorlib" };
        string runtime = Path.GetDirectoryName(typeof(object).Assembly.Location) ?? string.Empty;
        string? framework = Path.GetDirectoryName(runtime);
        string? shared = Path.GetFileName(framework) == "Microsoft.NETCore.App" ? Path.GetDirectoryName(framework) + Path.DirectorySeparatorChar : null;
        if (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") is string list)
        {
            foreach (string path in list.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                string name = Path.GetFileNameWithoutExtension(path);
                bool isFramework = shared is not null
                    ? path.StartsWith(shared, StringComparison.Ordinal)
                    : name.StartsWith("System.", StringComparison.OrdinalIgnoreCase) || name.StartsWith("Microsoft.Win32.", StringComparison.OrdinalIgnoreCase) || name is "Microsoft.CSharp" or "Microsoft.VisualBasic";
                if (isFramework)
                {
                    names.Add(name);
                }
            }
        }

        return names;
    }
}
