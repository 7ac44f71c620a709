using System.Text.RegularExpressions;
using Meridian.Perf;

namespace Meridian.Docs.Snippets;

/// <summary>The failure messages quoted in the docs are produced here, now, and compared with the pages.</summary>
public sealed class FailureMessageDocsTests
{
    private static object? s_sink;

    [Theory]
    [InlineData("README.md")]
    [InlineData("docs/allocations.md")]
    public void The_quoted_AssertNone_failure_is_what_the_library_prints(string page)
    {
        var failure = Assert.Throws<AllocationAssertionException>(() => Allocations.AssertNone(42, static value => s_sink = value));

        string text = File.ReadAllText(Path.Combine(DocsPaths.RepositoryRoot(), page));
        Assert.Contains(MaskEstimates(failure.Message), MaskEstimates(text));
    }

    /// <summary>The culprit line's figures are sampled estimates that differ run to run; everything else must match exactly.</summary>
    private static string MaskEstimates(string text) =>
        string.Join('\n', text.ReplaceLineEndings("\n").Split('\n').Select(line =>
            line.StartsWith("Likely sources (sampled):", StringComparison.Ordinal) ? Regex.Replace(line, @"\d+", "#") : line));
}
