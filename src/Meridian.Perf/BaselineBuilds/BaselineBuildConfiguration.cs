using System.Reflection;

namespace Meridian.Perf;

/// <summary>
/// Where a test assembly's baseline build comes from, in this order: the <see cref="EnvironmentVariable"/> (a CI
/// override), the MSBuild property <c>MeridianPerfBaselineDirectory</c>, then the <c>MeridianPerfBaseline</c> package
/// items of the test project. The package's build targets write the last two into the test assembly as
/// <see cref="AssemblyMetadataAttribute"/>s (<see cref="DirectoryKey"/>, <see cref="PackageKey"/>).
/// </summary>
internal sealed class BaselineBuildConfiguration
{
    /// <summary>The environment variable that names the baseline build's folder (several separated by the path separator).</summary>
    public const string EnvironmentVariable = "MERIDIAN_PERF_BASELINE_DIRECTORY";

    /// <summary>The assembly metadata key of the MSBuild property <c>MeridianPerfBaselineDirectory</c>.</summary>
    public const string DirectoryKey = "MeridianPerf.BaselineDirectory";

    /// <summary>The assembly metadata key of one <c>MeridianPerfBaseline</c> item: <c>id|version|package folder</c>.</summary>
    public const string PackageKey = "MeridianPerf.BaselinePackage";

    private BaselineBuildConfiguration(IReadOnlyList<BaselineFolder> folders, string? notConfigured)
    {
        Folders = folders;
        NotConfigured = notConfigured;
    }

    /// <summary>Gets the configured folders, searched in order; empty when none is configured.</summary>
    public IReadOnlyList<BaselineFolder> Folders { get; }

    /// <summary>Gets, when nothing is configured, how to configure a baseline build.</summary>
    public string? NotConfigured { get; }

    /// <summary>A configuration of the given folders (for tests of the mechanism).</summary>
    internal static BaselineBuildConfiguration Of(params BaselineFolder[] folders) => new(folders, null);

    /// <summary>Reads the configuration of <paramref name="testAssembly"/>.</summary>
    /// <param name="testAssembly">The assembly that declares the test's body.</param>
    /// <param name="environment">Reads an environment variable (a parameter so tests can supply their own).</param>
    public static BaselineBuildConfiguration For(Assembly testAssembly, Func<string, string?> environment)
    {
        var metadata = testAssembly.GetCustomAttributes<AssemblyMetadataAttribute>().ToList();
        if (environment(EnvironmentVariable) is { Length: > 0 } fromEnvironment)
        {
            return new(Split(fromEnvironment).Select(d => new BaselineFolder($"folder from {EnvironmentVariable}", d)).ToList(), null);
        }

        var directories = metadata.Where(m => m.Key == DirectoryKey && !string.IsNullOrWhiteSpace(m.Value)).SelectMany(m => Split(m.Value!)).ToList();
        if (directories.Count > 0)
        {
            return new(directories.Select(d => new BaselineFolder("folder from the MSBuild property MeridianPerfBaselineDirectory", d)).ToList(), null);
        }

        var packages = new List<BaselineFolder>();
        foreach (var package in metadata.Where(m => m.Key == PackageKey && m.Value is not null))
        {
            string[] parts = package.Value!.Split('|');
            if (parts.Length == 3)
            {
                packages.Add(new BaselineFolder($"package {parts[0]} {parts[1]} (MeridianPerfBaseline in the test project)", parts[2]));
            }
        }

        return packages.Count > 0 ? new(packages, null) : new([], HowTo(testAssembly));
    }

    private static string HowTo(Assembly testAssembly) =>
        $"no baseline build is configured for {testAssembly.GetName().Name}, so nothing was compared. Configure one of:\n" +
        "  - a released version of the library under test, in the test project file (downloaded at restore, not referenced):\n" +
        "      <ItemGroup><MeridianPerfBaseline Include=\"MyCompany.Parsing\" Version=\"1.4.0\" /></ItemGroup>\n" +
        $"  - a folder holding the baseline build's assemblies: dotnet test -p:MeridianPerfBaselineDirectory=/path, or {EnvironmentVariable}=/path\n" +
        "  - a git ref built into such a folder: dotnet msbuild -restore <test project> -t:MeridianPerfBuildBaseline -p:MeridianPerfBaselineRef=origin/main\n" +
        "See docs/regression.md, \"Against a baseline build\".";

    private static string[] Split(string value) =>
        value.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
