using System.Diagnostics;
using System.Reflection;
using System.Runtime.Loader;

namespace Meridian.Perf;

/// <summary>
/// A context holding a second copy of the test assembly in which the library under test resolves to the
/// baseline build. Every assembly name is resolved, in order: the test assembly itself (loaded again, from its own
/// file); the runtime, Meridian.Perf and the test frameworks (shared with the test's context); an assembly the
/// baseline's folders have (loaded from there: the baseline's own dependencies win over the current build's); anything
/// else (shared with the test's context, i.e. the current build's copy).
/// </summary>
/// <remarks>Not collectible: it lives as long as the process anyway, and code in a collectible context is compiled
/// differently (its statics, for one, are reached through an extra indirection), which made an unchanged build measure 13–15 % faster than its
/// own copy in A/A comparisons of the telemetry pipeline (samples/BaselineBuild/AaCheck).</remarks>
internal sealed class BaselineBuildLoadContext : AssemblyLoadContext
{
    private readonly Assembly _testAssembly;
    private readonly string _testAssemblyName;
    private readonly AssemblyLoadContext _testContext;
    private readonly Dictionary<string, (string Path, BaselineFolder Folder)> _baselineFiles;
    private readonly List<string> _resolution = [];

    public BaselineBuildLoadContext(Assembly testAssembly, IReadOnlyList<BaselineFolder> folders)
        : base($"Meridian.Perf baseline build of {testAssembly.GetName().Name}", isCollectible: false)
    {
        _testAssembly = testAssembly;
        _testAssemblyName = testAssembly.GetName().Name!;
        _testContext = GetLoadContext(testAssembly) ?? Default;
        _baselineFiles = new(StringComparer.OrdinalIgnoreCase);
        foreach (var folder in folders)
        {
            if (folder.Assemblies is not { } directory)
            {
                continue;
            }

            foreach (string file in Directory.EnumerateFiles(directory, "*.dll"))
            {
                _baselineFiles.TryAdd(Path.GetFileNameWithoutExtension(file), (file, folder));
            }
        }
    }

    /// <summary>Gets the simple names of the assemblies the baseline's folders hold, in order.</summary>
    public IEnumerable<string> BaselineAssemblyNames => _baselineFiles.Keys.Order(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets how each assembly the baseline copy asked for was resolved, in the order asked.</summary>
    public IReadOnlyList<string> Resolution
    {
        get
        {
            lock (_resolution)
            {
                return [.. _resolution];
            }
        }
    }

    /// <summary>Gets the assemblies loaded from the baseline's folders so far.</summary>
    public IEnumerable<Assembly> BaselineAssemblies => Assemblies.Where(a => !string.Equals(a.GetName().Name, _testAssemblyName, StringComparison.Ordinal));

    /// <summary>
    /// Gets, for each assembly loaded from the baseline build, how the two builds differ in optimization (a Debug build
    /// has its JIT optimizer disabled), one line each; empty when they agree.
    /// </summary>
    public IReadOnlyList<string> OptimizationMismatches()
    {
        var mismatches = new List<string>();
        foreach (var baseline in BaselineAssemblies)
        {
            string name = baseline.GetName().Name!;
            var current = _testContext.Assemblies.FirstOrDefault(a => string.Equals(a.GetName().Name, name, StringComparison.OrdinalIgnoreCase));
            if (current is not null && Optimized(current) != Optimized(baseline))
            {
                mismatches.Add($"{name} is {Build(current)} in the current build and {Build(baseline)} in the baseline build");
            }
        }

        return mismatches;

        static bool Optimized(Assembly assembly) => assembly.GetCustomAttribute<DebuggableAttribute>()?.IsJITOptimizerDisabled != true;

        static string Build(Assembly assembly) => Optimized(assembly) ? "optimized (Release)" : "a Debug build (JIT optimizer disabled)";
    }

    /// <summary>Loads the second copy of the test assembly.</summary>
    public Assembly LoadTestAssembly() => LoadFromAssemblyName(_testAssembly.GetName());

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        string name = assemblyName.Name ?? string.Empty;
        if (string.Equals(name, _testAssemblyName, StringComparison.Ordinal))
        {
            return LoadFromAssemblyPath(_testAssembly.Location);
        }

        if (SharedAssemblies.Reason(name) is not null)
        {
            return Shared(assemblyName);
        }

        if (_baselineFiles.TryGetValue(name, out var file))
        {
            var loaded = LoadFromAssemblyPath(file.Path);
            Note($"{name} {loaded.GetName().Version} from the baseline build ({file.Path}){CurrentVersion(name, loaded)}");
            return loaded;
        }

        var fromTest = Shared(assemblyName);
        Note($"{name} {fromTest.GetName().Version}: not in the baseline build, shared with the test (current build's copy)");
        return fromTest;
    }

    private Assembly Shared(AssemblyName assemblyName) => _testContext.LoadFromAssemblyName(assemblyName);

    /// <summary>Says which version the current build uses when it differs from the baseline's.</summary>
    private string CurrentVersion(string name, Assembly baseline)
    {
        var current = _testContext.Assemblies.FirstOrDefault(a => string.Equals(a.GetName().Name, name, StringComparison.OrdinalIgnoreCase));
        string? path = current?.Location;
        if (current is null)
        {
            string candidate = Path.Combine(Path.GetDirectoryName(_testAssembly.Location) ?? string.Empty, name + ".dll");
            path = File.Exists(candidate) ? candidate : null;
        }

        if (path is null or "")
        {
            return "; the current build has no such assembly";
        }

        var currentVersion = AssemblyName.GetAssemblyName(path).Version;
        if (current is not null && current.ManifestModule.ModuleVersionId == baseline.ManifestModule.ModuleVersionId)
        {
            return "; the very same build as the current one (same module id)";
        }

        return currentVersion == baseline.GetName().Version
            ? $"; current build {currentVersion} from {path}"
            : $"; the current build uses {currentVersion} ({path}): the baseline's folder is searched first";
    }

    private void Note(string line)
    {
        lock (_resolution)
        {
            if (!_resolution.Contains(line))
            {
                _resolution.Add(line);
            }
        }
    }
}
