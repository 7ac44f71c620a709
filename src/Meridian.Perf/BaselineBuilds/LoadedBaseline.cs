using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;

namespace Meridian.Perf;

/// <summary>
/// A test assembly's baseline build, loaded once per test assembly and process: its configuration, its context and the
/// second copy of the test assembly in it, or why there is none.
/// </summary>
internal sealed class LoadedBaseline
{
    private static readonly ConcurrentDictionary<Assembly, Lazy<LoadedBaseline>> Loaded = new();
    private static int s_loads;

    private LoadedBaseline(BaselineBuildConfiguration configuration, BaselineBuildLoadContext? context, Assembly? testCopy, string? problem, TimeSpan loadTime)
    {
        Configuration = configuration;
        Context = context;
        TestCopy = testCopy;
        Problem = problem;
        LoadTime = loadTime;
    }

    /// <summary>Gets how many baseline contexts this process has loaded (one per test assembly).</summary>
    public static int Loads => Volatile.Read(ref s_loads);

    public BaselineBuildConfiguration Configuration { get; }

    public BaselineBuildLoadContext? Context { get; }

    /// <summary>Gets the test assembly's copy in the baseline context.</summary>
    public Assembly? TestCopy { get; }

    /// <summary>Gets why nothing can be compared (no baseline configured, or its folder unusable), or null.</summary>
    public string? Problem { get; }

    /// <summary>Gets how long reading the configuration and loading the context took.</summary>
    public TimeSpan LoadTime { get; }

    /// <summary>Gets the baseline of <paramref name="testAssembly"/>, loading it on the first call.</summary>
    /// <param name="testAssembly">The assembly that declares the body.</param>
    /// <param name="loadedNow">Whether this call loaded it.</param>
    public static LoadedBaseline For(Assembly testAssembly, out bool loadedNow)
    {
        bool created = false;
        var lazy = Loaded.GetOrAdd(testAssembly, a => new Lazy<LoadedBaseline>(() =>
        {
            created = true;
            return Load(a, BaselineBuildConfiguration.For(a, Environment.GetEnvironmentVariable));
        }));
        var loaded = lazy.Value;
        loadedNow = created;
        return loaded;
    }

    /// <summary>Loads a baseline from an explicit configuration, without caching it (for tests of the mechanism).</summary>
    internal static LoadedBaseline Load(Assembly testAssembly, BaselineBuildConfiguration configuration)
    {
        long start = Stopwatch.GetTimestamp();
        if (configuration.NotConfigured is { } howTo)
        {
            return new LoadedBaseline(configuration, null, null, howTo, Stopwatch.GetElapsedTime(start));
        }

        var unusable = configuration.Folders.Where(f => f.Assemblies is null).ToList();
        if (unusable.Count == configuration.Folders.Count)
        {
            string problems = string.Join("; ", unusable.Select(f => $"{f.Description}: {f.Problem}"));
            return new LoadedBaseline(configuration, null, null, $"the baseline build cannot be used: {problems}.", Stopwatch.GetElapsedTime(start));
        }

        if (string.IsNullOrEmpty(testAssembly.Location))
        {
            return new LoadedBaseline(configuration, null, null, $"{testAssembly.GetName().Name} has no file to load a second copy from (single-file or in-memory assembly).", Stopwatch.GetElapsedTime(start));
        }

        var context = new BaselineBuildLoadContext(testAssembly, configuration.Folders);
        var copy = context.LoadTestAssembly();
        Interlocked.Increment(ref s_loads);
        return new LoadedBaseline(configuration, context, copy, null, Stopwatch.GetElapsedTime(start));
    }

    /// <summary>Describes the baseline's source(s) in one line.</summary>
    public string Describe() => Configuration.Folders.Count == 0
        ? "none configured"
        : string.Join("; ", Configuration.Folders.Select(f => f.ToString()));
}
