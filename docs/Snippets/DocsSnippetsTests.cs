using System.Text;
using System.Text.RegularExpressions;

namespace Meridian.Docs.Snippets;

/// <summary>
/// Keeps docs/*.md true: every fenced block preceded by <c>&lt;!-- snippet: name --&gt;</c> must equal the
/// <c>#region name</c> of the same name in this project (which is compiled and run). Set MERIDIAN_DOCS_UPDATE=1 to
/// rewrite the pages from the code instead of failing.
/// </summary>
public sealed partial class DocsSnippetsTests
{
    [Fact]
    public void Every_snippet_in_the_docs_matches_its_compiled_region()
    {
        string root = DocsPaths.RepositoryRoot();
        // Snippets live here, and in the compiled samples a page points at (the quick starts for xunit v3 and NUnit,
        // which this xunit v2 project cannot run; the BenchmarkDotNet benchmarks, which are too slow for a test).
        var regions = ReadRegions(Path.Combine(root, "docs", "Snippets"));
        foreach (string sample in Directory.GetDirectories(Path.Combine(root, "samples"), "QuickStart.*").Append(Path.Combine(root, "samples", "Meridian.Perf.Benchmarks")))
        {
            foreach (var (name, code) in ReadRegions(sample))
            {
                Assert.True(regions.TryAdd(name, code), $"#region {name} is defined twice (docs/Snippets and {sample}).");
            }
        }

        var problems = new List<string>();
        bool update = Environment.GetEnvironmentVariable("MERIDIAN_DOCS_UPDATE") == "1";
        int checkedSnippets = 0;

        foreach (string page in Directory.GetFiles(Path.Combine(root, "docs"), "*.md").Append(Path.Combine(root, "README.md")))
        {
            string text = File.ReadAllText(page).ReplaceLineEndings("\n");
            string rewritten = SnippetBlock().Replace(text, match =>
            {
                string name = match.Groups["name"].Value;
                checkedSnippets++;
                if (!regions.TryGetValue(name, out string? code))
                {
                    problems.Add($"{Path.GetFileName(page)}: snippet '{name}' has no #region {name} in docs/Snippets.");
                    return match.Value;
                }

                if (match.Groups["code"].Value.TrimEnd() != code.TrimEnd())
                {
                    problems.Add($"{Path.GetFileName(page)}: snippet '{name}' differs from its #region (run the docs tests with MERIDIAN_DOCS_UPDATE=1 to rewrite the page).");
                }

                return $"<!-- snippet: {name} -->\n```csharp\n{code.TrimEnd()}\n```";
            });

            if (update && rewritten != text)
            {
                File.WriteAllText(page, rewritten);
            }
        }

        Assert.True(checkedSnippets > 0, "no snippet markers were found in docs/*.md");
        if (!update)
        {
            Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        }
    }

    private static Dictionary<string, string> ReadRegions(string folder)
    {
        var regions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string file in Directory.GetFiles(folder, "*.cs", SearchOption.AllDirectories).Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal)))
        {
            string[] lines = File.ReadAllText(file).ReplaceLineEndings("\n").Split('\n');
            for (int i = 0; i < lines.Length; i++)
            {
                string trimmed = lines[i].Trim();
                if (!trimmed.StartsWith("#region ", StringComparison.Ordinal))
                {
                    continue;
                }

                string name = trimmed["#region ".Length..].Trim();
                var body = new List<string>();
                for (i++; i < lines.Length && lines[i].Trim() != "#endregion"; i++)
                {
                    body.Add(lines[i]);
                }

                regions[name] = Dedent(body);
            }
        }

        return regions;
    }

    private static string Dedent(List<string> lines)
    {
        int indent = lines.Where(l => l.Trim().Length > 0).Select(l => l.Length - l.TrimStart().Length).DefaultIfEmpty(0).Min();
        var text = new StringBuilder();
        foreach (string line in lines)
        {
            text.Append(line.Length >= indent ? line[indent..] : line.TrimStart()).Append('\n');
        }

        return text.ToString();
    }

    [GeneratedRegex(@"<!-- snippet: (?<name>[\w-]+) -->\n```csharp\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex SnippetBlock();
}
