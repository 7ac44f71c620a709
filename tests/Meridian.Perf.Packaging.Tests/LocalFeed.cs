using System.Reflection;

namespace Meridian.Perf.Packaging.Tests;

/// <summary>
/// Every library packed once into a temporary folder feed, with a version of its own (0.1.0-e2e.*) so that no copy in
/// the machine's NuGet cache from an earlier run can stand in for what was packed now.
/// </summary>
public sealed class LocalFeed : IDisposable
{
    public static readonly string[] LibraryPackages =
        ["Meridian.Perf", "Meridian.Perf.Xunit", "Meridian.Perf.Xunit.V3", "Meridian.Perf.NUnit", "Meridian.Perf.MSTest", "Meridian.Perf.TUnit", "Meridian.Perf.Profiling", "Meridian.Telemetry"];

    /// <summary>The dotnet tool packages (<c>meridian-perf</c>): a tool, not a library, so not in <see cref="LibraryPackages"/>.</summary>
    public static readonly string[] ToolPackages = ["Meridian.Perf.Tool"];

    public LocalFeed()
    {
        Root = RepositoryPaths.Root();
        Folder = Directory.CreateTempSubdirectory("meridian-feed-").FullName;
        string configuration = typeof(LocalFeed).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        string prefix = File.ReadAllText(Path.Combine(Root, "Directory.Build.props")) is var props && props.Contains("<VersionPrefix>", StringComparison.Ordinal)
            ? props[(props.IndexOf("<VersionPrefix>", StringComparison.Ordinal) + "<VersionPrefix>".Length)..props.IndexOf("</VersionPrefix>", StringComparison.Ordinal)]
            : throw new InvalidOperationException("Directory.Build.props has no VersionPrefix.");
        Version = $"{prefix}-e2e.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";
        PackLog = DotnetCli.RunChecked(
            Root,
            "pack", "Meridian.Perf.sln", "-c", configuration, "--no-build", "--no-restore", "-o", Folder, $"-p:VersionSuffix={Version[(prefix.Length + 1)..]}");
    }

    /// <summary>Gets the repository root.</summary>
    public string Root { get; }

    /// <summary>Gets the feed folder.</summary>
    public string Folder { get; }

    /// <summary>Gets the version every package was given.</summary>
    public string Version { get; }

    /// <summary>Gets what <c>dotnet pack</c> printed.</summary>
    public string PackLog { get; }

    /// <summary>Gets the path of a package in the feed.</summary>
    public string Package(string id, string extension = "nupkg") => Path.Combine(Folder, $"{id}.{Version}.{extension}");

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
