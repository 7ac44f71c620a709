namespace Meridian.Perf;

/// <summary>One place a baseline build's assemblies come from, as configured, and the folder of assemblies chosen in it.</summary>
internal sealed class BaselineFolder
{
    private readonly FrameworkFolders.Selection _selection;

    /// <param name="description">Where it was configured and what it is, in words (for reports).</param>
    /// <param name="root">The configured folder: a build output, a folder of target-framework folders, or a package's root.</param>
    public BaselineFolder(string description, string root)
    {
        Description = description + BuiltFrom(root);
        Root = root;
        _selection = FrameworkFolders.Select(root, Environment.Version);
    }

    /// <summary>Gets where it was configured and what it is, in words.</summary>
    public string Description { get; }

    /// <summary>Gets the configured folder.</summary>
    public string Root { get; }

    /// <summary>Gets the folder whose assemblies make up the baseline build, or null when <see cref="Root"/> has none (<see cref="Problem"/> says why).</summary>
    public string? Assemblies => _selection.Folder;

    /// <summary>Gets why no folder of assemblies could be chosen, or null.</summary>
    public string? Problem => _selection.Problem;

    /// <summary>Gets how the folder of assemblies was chosen, in words (a target framework picked among several), or null.</summary>
    public string? Choice => _selection.Choice;

    /// <summary>What MeridianPerfBuildBaseline recorded beside the build it made: ", built from v1 (commit 1a2b3c4d5e6f)".</summary>
    private static string BuiltFrom(string root)
    {
        string file = Path.Combine(root, "meridian-perf-baseline.txt");
        if (!File.Exists(file))
        {
            return string.Empty;
        }

        var values = File.ReadAllLines(file).Select(l => l.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        string commit = values.GetValueOrDefault("commit") is { Length: >= 12 } sha ? sha[..12] : "?";
        return $", built from {values.GetValueOrDefault("ref") ?? "?"} (commit {commit}) by MeridianPerfBuildBaseline";
    }

    /// <inheritdoc/>
    public override string ToString() => Choice is null ? $"{Description}: {Assemblies ?? Root}" : $"{Description}: {Assemblies} ({Choice})";
}
