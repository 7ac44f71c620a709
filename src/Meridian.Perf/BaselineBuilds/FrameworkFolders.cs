namespace Meridian.Perf;

/// <summary>
/// Picks the folder of assemblies in a baseline root: the root itself when it holds assemblies, otherwise the best
/// target-framework folder for this runtime among <c>lib/&lt;tfm&gt;</c> (a package) or <c>&lt;tfm&gt;</c> (a build output
/// of a multi-targeting project), the way NuGet picks a package's assets: the highest <c>netX.Y</c> not newer than the
/// runtime, then <c>netcoreappX.Y</c>, then <c>netstandard2.1</c>, <c>2.0</c>, <c>1.x</c>.
/// </summary>
internal static class FrameworkFolders
{
    internal sealed record Selection(string? Folder, string? Choice, string? Problem);

    public static Selection Select(string root, Version runtime)
    {
        if (!Directory.Exists(root))
        {
            return new Selection(null, null, $"the folder {root} does not exist");
        }

        if (HasAssemblies(root))
        {
            return new Selection(root, null, null);
        }

        string frameworks = Directory.Exists(Path.Combine(root, "lib")) ? Path.Combine(root, "lib") : root;
        var candidates = Directory.GetDirectories(frameworks)
            .Select(path => (Path: path, Rank: Rank(Path.GetFileName(path), runtime)))
            .Where(c => c.Rank is not null && HasAssemblies(c.Path))
            .OrderByDescending(c => c.Rank!.Value)
            .ToList();
        if (candidates.Count == 0)
        {
            string seen = string.Join(", ", Directory.GetDirectories(frameworks).Select(Path.GetFileName));
            return new Selection(null, null, $"{frameworks} holds no assemblies and no target-framework folder this runtime (.NET {runtime.Major}.{runtime.Minor}) can load{(seen.Length > 0 ? $" (folders: {seen})" : string.Empty)}");
        }

        string chosen = Path.GetFileName(candidates[0].Path);
        string choice = candidates.Count == 1
            ? $"target framework {chosen}"
            : $"target framework {chosen}, the best for .NET {runtime.Major}.{runtime.Minor} among {string.Join(", ", candidates.Select(c => Path.GetFileName(c.Path)))}";
        return new Selection(candidates[0].Path, choice, null);
    }

    /// <summary>Orders the folder names this runtime can load (higher is better); null for one it cannot.</summary>
    internal static double? Rank(string name, Version runtime)
    {
        name = name.ToLowerInvariant();
        if (name.Contains('-', StringComparison.Ordinal))
        {
            return null; // platform-specific (net8.0-windows): not for a portable test process
        }

        if (name.StartsWith("netstandard", StringComparison.Ordinal))
        {
            return TryVersion(name["netstandard".Length..]) is { } standard && standard <= new Version(2, 1) ? 100 + Weight(standard) : null;
        }

        if (name.StartsWith("netcoreapp", StringComparison.Ordinal))
        {
            return TryVersion(name["netcoreapp".Length..]) is { } core && core.Major <= 3 ? 200 + Weight(core) : null;
        }

        if (name.StartsWith("net", StringComparison.Ordinal) && TryVersion(name[3..]) is { Major: >= 5 } net && net.Major <= runtime.Major)
        {
            return 300 + Weight(net);
        }

        return null;
    }

    private static double Weight(Version version) => version.Major + (version.Minor / 100.0);

    private static Version? TryVersion(string text) =>
        Version.TryParse(text.Contains('.', StringComparison.Ordinal) ? text : text + ".0", out var version) ? version : null;

    private static bool HasAssemblies(string folder) =>
        Directory.EnumerateFiles(folder, "*.dll").Any();
}
