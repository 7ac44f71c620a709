namespace Meridian.Perf.Packaging.Tests;

/// <summary>
/// The NuGet route of the baseline-build checks, as a user takes it: the sample library (samples/BaselineBuild) packed
/// as version 1 and version 2 into a feed of its own, a project from `dotnet new xunit` that references Meridian.Perf and
/// version 2 with `dotnet add package`, version 1 declared as `&lt;MeridianPerfBaseline /&gt;` in the project file (so
/// the build downloads it, under a version no NuGet cache can hold yet), `dotnet test`, outcomes read from TRX. Only
/// exact checks run here (bytes per call, a missing member); timing is measured by samples/BaselineBuild/run-acceptance.sh.
/// </summary>
[Collection(FeedCollection.Name)]
public sealed class BaselineBuildConsumerTests(LocalFeed feed)
{
    private const string Tests = """
        using Meridian.Perf;
        using Sample.Parsing;

        public static class Bodies
        {
            public static Action Allocating() { long seed = Environment.TickCount64; return () => BlackBox.Consume(Workloads.Allocating(seed)); }

            public static Action Unchanged() { long seed = Environment.TickCount64; return () => BlackBox.Consume(Workloads.Unchanged(seed)); }

            public static Action NewInV2() { long seed = Environment.TickCount64; return () => BlackBox.Consume(Workloads.NewInV2(seed)); }
        }

        public class BaselineChecks
        {
            [Fact]
            public void Unchanged() => PerfAssert.AllocatesNoMoreThanBaselineBuild(Bodies.Unchanged);

            [Fact]
            public void Allocating() => PerfAssert.AllocatesNoMoreThanBaselineBuild(Bodies.Allocating);

            [Fact]
            public void NewInV2() => PerfAssert.AllocatesNoMoreThanBaselineBuild(Bodies.NewInV2, new CompareOptions { FailOnInconclusive = true });
        }
        """;

    [Fact]
    public void A_baseline_version_declared_in_the_project_is_downloaded_and_compared_with()
    {
        string work = Directory.CreateTempSubdirectory("meridian-baseline-consumer-").FullName;
        try
        {
            string samples = Path.Combine(work, "feed");
            string suffix = feed.Version[(feed.Version.IndexOf('-', StringComparison.Ordinal) + 1)..];
            foreach (int version in new[] { 1, 2 })
            {
                string copy = Path.Combine(work, $"Sample.Parsing.v{version}");
                Directory.CreateDirectory(copy);
                foreach (string source in Directory.GetFiles(Path.Combine(feed.Root, "samples", "BaselineBuild", "Sample.Parsing")).Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".csproj", StringComparison.Ordinal)))
                {
                    File.Copy(source, Path.Combine(copy, Path.GetFileName(source)));
                }

                DotnetCli.RunChecked(copy, "pack", "-c", "Release", "-o", samples, $"-p:SampleVersion={version}", $"-p:Version={version}.0.0-{suffix}");
            }

            string project = Path.Combine(work, "Consumer.Baseline");
            DotnetCli.RunChecked(work, "new", "xunit", "-o", project, "-n", "Consumer.Baseline");
            DotnetCli.RunChecked(project, "new", "nugetconfig");
            DotnetCli.RunChecked(project, "nuget", "add", "source", feed.Folder, "--name", "meridian-local", "--configfile", "nuget.config");
            DotnetCli.RunChecked(project, "nuget", "add", "source", samples, "--name", "samples-local", "--configfile", "nuget.config");
            DotnetCli.RunChecked(project, "add", "package", "Meridian.Perf", "--version", feed.Version);
            DotnetCli.RunChecked(project, "add", "package", "Sample.Parsing", "--version", $"2.0.0-{suffix}");
            string file = Path.Combine(project, "Consumer.Baseline.csproj");
            File.WriteAllText(file, File.ReadAllText(file).Replace(
                "</Project>",
                $"  <ItemGroup>\n    <MeridianPerfBaseline Include=\"Sample.Parsing\" Version=\"1.0.0-{suffix}\" />\n  </ItemGroup>\n\n</Project>",
                StringComparison.Ordinal));
            foreach (string template in Directory.GetFiles(project, "*.cs"))
            {
                File.Delete(template);
            }

            File.WriteAllText(Path.Combine(project, "BaselineChecks.cs"), Tests);

            string results = Path.Combine(project, "results");
            var (_, log) = DotnetCli.Run(project, "test", "-c", "Release", "--logger", "trx;LogFileName=consumer.trx", "--results-directory", results);
            string trx = Path.Combine(results, "consumer.trx");
            Assert.True(File.Exists(trx), log);
            var outcomes = TrxReader.Read(trx).ToDictionary(r => r.TestName[(r.TestName.LastIndexOf('.') + 1)..]);

            string baseline = $"baseline build: package Sample.Parsing 1.0.0-{suffix} (MeridianPerfBaseline in the test project)";
            Assert.True(outcomes.Count == 3, log);
            Assert.Equal("Passed", outcomes["Unchanged"].Outcome);
            var allocating = outcomes["Allocating"];
            Assert.Equal("Failed", allocating.Outcome);
            Assert.Contains("Expected the current build to allocate no more per call than the baseline build (24 B per call), but it allocates 48 B per call.", allocating.Message, StringComparison.Ordinal);
            Assert.Contains(baseline, allocating.Message, StringComparison.Ordinal);
            Assert.Contains("/lib/net8.0 (target framework net8.0)", allocating.Message, StringComparison.Ordinal);
            Assert.Contains("resolved: Sample.Parsing 1.0.0.0 from the baseline build", allocating.Message, StringComparison.Ordinal);
            Assert.Contains("the current build uses 2.0.0.0", allocating.Message, StringComparison.Ordinal);
            var missing = outcomes["NewInV2"];
            Assert.Equal("Failed", missing.Outcome);
            Assert.Contains("Method not found: 'Int64 Sample.Parsing.Workloads.NewInV2(Int64)'", missing.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
