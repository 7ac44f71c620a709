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

        string text = File.ReadAllText(Path.Combine(DocsPaths.RepositoryRoot(), page)).ReplaceLineEndings("\n");
        Assert.Contains(failure.Message.ReplaceLineEndings("\n"), text);
    }
}
