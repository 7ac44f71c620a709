namespace Meridian.Perf;

/// <summary>
/// Compares the current build of the code under test with a <b>baseline build</b> (the last release, or the main
/// branch's build) loaded into the same test process, with <see cref="Bench.Compare(Action, Action, CompareOptions?)"/>'s
/// interleaved design and exact bytes per call.
/// </summary>
/// <remarks>
/// <para>The baseline build comes from, in this order: the <c>MERIDIAN_PERF_BASELINE_DIRECTORY</c> environment
/// variable, the MSBuild property <c>MeridianPerfBaselineDirectory</c>, or a
/// <c>&lt;MeridianPerfBaseline Include="MyCompany.Parsing" Version="1.4.0" /&gt;</c> item in the test project (the
/// package is downloaded at restore without being referenced). <c>dotnet msbuild -restore -t:MeridianPerfBuildBaseline
/// -p:MeridianPerfBaselineRef=origin/main</c> builds a git ref into such a folder.</para>
/// <para>How: once per test assembly, a second copy of it is loaded into a
/// <see cref="System.Runtime.Loader.AssemblyLoadContext"/> in which every assembly the baseline's folder holds comes
/// from there (its own dependencies included) while the runtime, Meridian.Perf and the test framework are shared. The
/// body is given as a factory — a static method that builds the state and returns the <see cref="Action"/> to time —
/// called once in each context, so each build makes its own state.</para>
/// </remarks>
public static class BaselineBuild
{
    /// <summary>Times <paramref name="body"/> in the current build against the baseline build, interleaved, and counts both builds' exact bytes per call.</summary>
    /// <param name="body">A static method (or a lambda that captures nothing) that builds the state and returns the code to time.</param>
    /// <param name="options">Sampling and verdict settings, as for <see cref="Bench.Compare(Action, Action, CompareOptions?)"/>; <see cref="CompareOptions.MaxTime"/> includes loading the baseline context.</param>
    /// <returns>The comparison, or why nothing was compared.</returns>
    /// <exception cref="ArgumentException">The factory captures state, or is an instance or generic method (the message says how to write it).</exception>
    public static BaselineBuildComparison Compare(Func<Action> body, CompareOptions? options = null) =>
        BaselineBuildRunner.Run(body, options ?? CompareOptions.Default, timing: true, allocations: true);

    /// <summary>Counts the exact bytes per call of <paramref name="body"/> in the current build and in the baseline build, without timing.</summary>
    /// <param name="body">A static method (or a lambda that captures nothing) that builds the state and returns the code to measure.</param>
    /// <returns>The comparison (no <see cref="BaselineBuildComparison.Timing"/>), or why nothing was compared.</returns>
    /// <exception cref="ArgumentException">The factory captures state, or is an instance or generic method.</exception>
    public static BaselineBuildComparison CompareAllocations(Func<Action> body) =>
        BaselineBuildRunner.Run(body, CompareOptions.Default, timing: false, allocations: true);
}
