using System.Text.RegularExpressions;
using Meridian.Perf;
using Meridian.Perf.Testing;
using Meridian.Perf.Xunit;

namespace Meridian.Docs.Snippets;

/// <summary>The failure messages quoted in the docs are produced here, now, and compared with the pages.</summary>
public sealed class FailureMessageDocsTests
{
    private static object? s_sink;

    [Theory]
    [InlineData("README.md")]
    [InlineData("docs/allocations.md")]
    [InlineData("docs/runtime-events.md")]
    public void The_quoted_AssertNone_failure_is_what_the_library_prints(string page)
    {
        var failure = Assert.Throws<AllocationAssertionException>(() => Allocations.AssertNone(42, static value => s_sink = value));

        string text = File.ReadAllText(Path.Combine(DocsPaths.RepositoryRoot(), page));
        Assert.Contains(MaskEstimates(failure.Message), MaskEstimates(text));
    }

    [Fact]
    public void The_quoted_ZeroAlloc_failures_are_what_the_adapters_report()
    {
        // The adapters report TestBodyAllocations' message unchanged (their fixture tests check that through the real
        // runners); the page quotes it once per framework (xunit v2, v3, NUnit, TUnit), for the fixtures' StringConcat
        // test, and once as MSTest words it (the body measured on a new instance).
        var test = new FixtureTests();
        var failure = Assert.Throws<AllocationAssertionException>(() => TestBodyAllocations.AssertWithinBudget(
            new ZeroAllocFactAttribute(), test, typeof(FixtureTests).GetMethod(nameof(FixtureTests.StringConcat))!, null));

        string page = MaskEstimates(File.ReadAllText(Path.Combine(DocsPaths.RepositoryRoot(), "docs/zero-alloc.md")));
        string message = MaskEstimates(failure.Message);
        Assert.Equal(4, page.Split(message).Length - 1);
        string mstest = message.Replace(
            "with the same instance and arguments",
            "on a new instance of the test class (constructor and [TestInitialize] run again, not counted) with the same arguments",
            StringComparison.Ordinal);
        Assert.Equal(1, page.Split(mstest).Length - 1);
    }

    /// <summary>The culprit line's figures are sampled estimates that differ run to run; the call-site line depends on
    /// whether the test project references Meridian.Perf.Profiling (this one does, the page quotes a project without it);
    /// everything else must match exactly.</summary>
    private static string MaskEstimates(string text) =>
        string.Join('\n', text.ReplaceLineEndings("\n").Split('\n').Select(line =>
            line.StartsWith("Likely sources (sampled):", StringComparison.Ordinal) ? Regex.Replace(line, @"\d+", "#")
            : line.StartsWith("Call sites", StringComparison.Ordinal) ? "Call sites: ..."
            : line));

    /// <summary>The same test as tests/Fixtures/*/FailingTests.StringConcat.</summary>
    public sealed class FixtureTests
    {
        private readonly string _left = "abcd";
        private readonly string _right = "efgh";

        public object? Sink { get; private set; }

        public void StringConcat() => Sink = _left + _right;
    }
}
