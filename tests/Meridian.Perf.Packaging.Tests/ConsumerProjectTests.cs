using System.Text.Json;

namespace Meridian.Perf.Packaging.Tests;

/// <summary>
/// A user's first hour, automated: a fresh test project from the SDK template, the adapter added with the README's
/// `dotnet add package` line (plus `--version`, since the local feed holds a pre-release), one passing and one failing
/// [ZeroAlloc] test, `dotnet test`, and the outcomes and messages read back from the TRX file.
/// </summary>
[Collection(FeedCollection.Name)]
public sealed class ConsumerProjectTests(LocalFeed feed)
{
    private const string Boxes24Bytes = "Expected no allocations, but the body allocated 24 B per call (5 windows × 100 calls after 3 warm-up calls; every window over budget).";

    [Fact]
    public void Xunit_v2_consumer()
    {
        var consumer = Consumer.Create(feed, "xunit", "Consumer.Xunit");
        consumer.AddPackage("Meridian.Perf.Xunit");
        consumer.WriteTests(TestClass(zeroAlloc: "[ZeroAllocFact]", plain: "[Fact]", assertTrue: "Assert.True"));

        var results = consumer.Test();

        AssertOutcomes(results, "ZeroAllocTests.");
        consumer.AssertRuntimeSettings(applied: true);
        consumer.AssertReadyToRunCoreForLinuxX64();
    }

    [Fact]
    public void Xunit_v3_consumer()
    {
        // No xunit v3 template ships with the SDK: start from its xunit template and switch it to xunit v3 (the VSTest
        // flavour, as README says), the way a user migrating a project would.
        var consumer = Consumer.Create(feed, "xunit", "Consumer.XunitV3");
        consumer.Dotnet("remove", "package", "xunit");
        consumer.Dotnet("add", "package", "xunit.v3.mtp-off", "--version", "4.0.2");
        consumer.AddPackage("Meridian.Perf.Xunit.V3");
        consumer.WriteTests(TestClass(zeroAlloc: "[Fact, ZeroAlloc]", plain: "[Fact]", assertTrue: "Assert.True"));

        var results = consumer.Test();

        AssertOutcomes(results, "ZeroAllocTests.");
        consumer.AssertRuntimeSettings(applied: true);
    }

    [Fact]
    public void NUnit_consumer_and_the_opt_out()
    {
        var consumer = Consumer.Create(feed, "nunit", "Consumer.NUnit");
        consumer.AddPackage("Meridian.Perf.NUnit");
        consumer.WriteTests(TestClass(zeroAlloc: "[Test, ZeroAlloc]", plain: "[Test]", assertTrue: "Assert.That"));

        var results = consumer.Test();

        AssertOutcomes(results, string.Empty);
        consumer.AssertRuntimeSettings(applied: true);

        consumer.Dotnet("build", "-p:MeridianPerfRuntimeSettings=false", "-o", Path.Combine(consumer.Folder, "opted-out"));
        consumer.AssertRuntimeSettings(applied: false, Path.Combine(consumer.Folder, "opted-out"));
    }

    [Fact]
    public void MSTest_consumer_from_dotnet_new_mstest()
    {
        // The SDK's own template (MSTest meta package, MSTest 4), run by `dotnet test` as the template sets it up.
        var consumer = Consumer.Create(feed, "mstest", "Consumer.MSTest");
        consumer.AddPackage("Meridian.Perf.MSTest");
        consumer.WriteTests(TestClass(zeroAlloc: "[ZeroAllocTestMethod]", plain: "[TestMethod]", assertTrue: "Assert.IsTrue", header: "[TestClass]\n"));

        var results = consumer.Test();

        AssertOutcomes(results, string.Empty);
        consumer.AssertRuntimeSettings(applied: true);
    }

    [Fact]
    public void TUnit_consumer_as_its_docs_make_one()
    {
        // No TUnit template on the registry: the minimal project TUnit's docs show (an executable referencing TUnit), with
        // the engine and assertions referenced directly instead of the TUnit meta package (which also brings
        // Microsoft.Testing.Extensions.CodeCoverage, not under an open-source licence), plus TRX reporting; `dotnet test`
        // in Microsoft.Testing.Platform mode, which TUnit's docs set in global.json for SDK 10.
        var consumer = Consumer.CreateFromProject(feed, "Consumer.TUnit", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="TUnit.Engine" Version="1.81.10" />
                <PackageReference Include="TUnit.Assertions" Version="1.81.10" />
                <PackageReference Include="Microsoft.Testing.Extensions.TrxReport" Version="2.5.2" />
              </ItemGroup>
            </Project>
            """);
        consumer.UseMicrosoftTestingPlatform();
        consumer.AddPackage("Meridian.Perf.TUnit");
        consumer.WriteTests(
            """
            using TUnit.Core;

            public class ZeroAllocTests
            {
                private static object? s_sink;
                private static int s_parsed;

                [Test, ZeroAlloc]
                public void Span_parse_does_not_allocate() => s_parsed = int.Parse("12345".AsSpan());

                [Test, ZeroAlloc]
                public void Boxing_allocates() => s_sink = s_parsed;

                [Test]
                public void Optimized_code_is_measured()
                {
                    if (!MeasurementMode.Current.OptimizedFromFirstCall)
                    {
                        throw new InvalidOperationException(MeasurementMode.Current.ToString());
                    }
                }
            }
            """);

        var results = consumer.TestOnMicrosoftTestingPlatform();

        AssertOutcomes(results, string.Empty, exceptionPrefix: "AllocationAssertionException: ");
        consumer.AssertRuntimeSettings(applied: true);
    }

    [Fact]
    public void Xunit_v3_default_package_consumer_on_Microsoft_Testing_Platform()
    {
        // The default xunit.v3 package (Microsoft.Testing.Platform, not mtp-off), as xunit's own template sets it up:
        // start from the SDK's xunit template, switch to xunit.v3 as an executable without the VSTest pieces, and let
        // `dotnet test` use Microsoft.Testing.Platform (global.json), as SDK 10 requires for such projects.
        var consumer = Consumer.Create(feed, "xunit", "Consumer.XunitV3Mtp");
        consumer.Dotnet("remove", "package", "xunit");
        consumer.Dotnet("remove", "package", "xunit.runner.visualstudio");
        consumer.Dotnet("remove", "package", "Microsoft.NET.Test.Sdk");
        consumer.Dotnet("add", "package", "xunit.v3", "--version", "4.0.2");
        consumer.Dotnet("add", "package", "Microsoft.Testing.Extensions.TrxReport", "--version", "2.5.2");
        consumer.SetProperty("OutputType", "Exe");
        consumer.UseMicrosoftTestingPlatform();
        consumer.AddPackage("Meridian.Perf.Xunit.V3");
        consumer.WriteTests(TestClass(zeroAlloc: "[Fact, ZeroAlloc]", plain: "[Fact]", assertTrue: "Assert.True"));

        var results = consumer.TestOnMicrosoftTestingPlatform();

        AssertOutcomes(results, "ZeroAllocTests.");
        consumer.AssertRuntimeSettings(applied: true);
    }

    [Fact]
    public void Results_through_the_msbuild_property_read_by_the_tool_installed_from_the_feed()
    {
        var consumer = Consumer.Create(feed, "xunit", "Consumer.Results");
        consumer.AddPackage("Meridian.Perf.Xunit");
        consumer.WriteTests(TestClass(zeroAlloc: "[ZeroAllocFact]", plain: "[Fact]", assertTrue: "Assert.True"));

        // The documented switch for dotnet test; the variable is cleared so that only the property can switch it on.
        var (testExit, testLog) = Run(consumer.Folder, "dotnet", "test", "-p:MeridianPerfResults=perf-results");
        consumer.Dotnet("tool", "install", "Meridian.Perf.Tool", "--tool-path", "tools", "--version", feed.Version, "--add-source", feed.Folder);
        var (summaryExit, summary) = Run(consumer.Folder, Path.Combine(consumer.Folder, "tools", "meridian-perf"), "summary", "perf-results", "--format", "markdown");

        Assert.True(testExit != 0, testLog);
        Assert.Single(Directory.GetFiles(Path.Combine(consumer.Folder, "perf-results"), "*.jsonl"));
        Assert.Equal(1, summaryExit);
        Assert.Contains("2 measurements from `perf-results`: **1 regression**", summary, StringComparison.Ordinal);
        string regressions = summary[summary.IndexOf("### Regressions", StringComparison.Ordinal)..summary.IndexOf("### Everything else", StringComparison.Ordinal)];
        Assert.Contains("| ❌ | ZeroAllocTests.Boxing_allocates | zero-alloc | – | 24 B (budget 0 B) |", regressions, StringComparison.Ordinal);
        Assert.Contains("| ✅ | ZeroAllocTests.Span_parse_does_not_allocate | zero-alloc | – | 0 B (budget 0 B) |", summary, StringComparison.Ordinal);
    }

    private static (int ExitCode, string Output) Run(string folder, string program, params string[] arguments)
    {
        var start = new System.Diagnostics.ProcessStartInfo(program, arguments) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment.Remove("MERIDIAN_PERF_RESULTS");
        using var process = System.Diagnostics.Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output + error.Result);
    }

    /// <summary>The same three tests in each framework's spelling; no using directives for Meridian.Perf, since the packages' global usings must bring them.</summary>
    private static string TestClass(string zeroAlloc, string plain, string assertTrue, string header = "") => $$"""
        {{header}}public class ZeroAllocTests
        {
            private static object? s_sink;
            private int _parsed;

            {{zeroAlloc}}
            public void Span_parse_does_not_allocate() => _parsed = int.Parse("12345".AsSpan());

            {{zeroAlloc}}
            public void Boxing_allocates() => s_sink = _parsed;

            {{plain}}
            public void Optimized_code_is_measured() => {{assertTrue}}(MeasurementMode.Current.OptimizedFromFirstCall{{(assertTrue == "Assert.That" ? ", Is.True" : string.Empty)}}, MeasurementMode.Current.ToString());
        }
        """;

    private static void AssertOutcomes(IReadOnlyList<TrxResult> results, string prefix, string exceptionPrefix = "")
    {
        TrxResult Named(string name) => Assert.Single(results, r => r.TestName.EndsWith(prefix + name, StringComparison.Ordinal) || r.TestName == name);

        Assert.Equal(3, results.Count);
        Assert.Equal("Passed", Named("Span_parse_does_not_allocate").Outcome);
        Assert.Equal("Passed", Named("Optimized_code_is_measured").Outcome);
        var boxing = Named("Boxing_allocates");
        Assert.Equal("Failed", boxing.Outcome);
        Assert.Contains(Boxes24Bytes, boxing.Message, StringComparison.Ordinal);
        Assert.StartsWith(exceptionPrefix, boxing.Message, StringComparison.Ordinal);
        Assert.Contains("Likely sources (sampled): System.Int32 (boxed)", boxing.Message, StringComparison.Ordinal);
    }

    /// <summary>A test project in a temporary folder, outside the repository so that none of its build settings apply.</summary>
    private sealed class Consumer
    {
        private readonly LocalFeed _feed;

        private Consumer(LocalFeed feed, string folder)
        {
            _feed = feed;
            Folder = folder;
        }

        public string Folder { get; }

        public static Consumer Create(LocalFeed feed, string template, string name)
        {
            string folder = Path.Combine(Directory.CreateTempSubdirectory("meridian-consumer-").FullName, name);
            DotnetCli.RunChecked(Path.GetTempPath(), "new", template, "-o", folder, "-n", name);
            DotnetCli.RunChecked(folder, "new", "nugetconfig");
            DotnetCli.RunChecked(folder, "nuget", "add", "source", feed.Folder, "--name", "meridian-local", "--configfile", "nuget.config");
            return new Consumer(feed, folder);
        }

        /// <summary>A project written by hand (no template), with the local feed configured like <see cref="Create"/>.</summary>
        public static Consumer CreateFromProject(LocalFeed feed, string name, string project)
        {
            string folder = Path.Combine(Directory.CreateTempSubdirectory("meridian-consumer-").FullName, name);
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, name + ".csproj"), project);
            DotnetCli.RunChecked(folder, "new", "nugetconfig");
            DotnetCli.RunChecked(folder, "nuget", "add", "source", feed.Folder, "--name", "meridian-local", "--configfile", "nuget.config");
            return new Consumer(feed, folder);
        }

        public string Dotnet(params string[] arguments) => DotnetCli.RunChecked(Folder, arguments);

        /// <summary>Makes `dotnet test` in this folder use Microsoft.Testing.Platform, as SDK 10 requires for MTP-only projects.</summary>
        public void UseMicrosoftTestingPlatform() =>
            File.WriteAllText(Path.Combine(Folder, "global.json"), """{ "test": { "runner": "Microsoft.Testing.Platform" } }""");

        public void SetProperty(string name, string value)
        {
            string project = Directory.GetFiles(Folder, "*.csproj").Single();
            string text = File.ReadAllText(project);
            int end = text.IndexOf("</PropertyGroup>", StringComparison.Ordinal);
            File.WriteAllText(project, text.Insert(end, $"  <{name}>{value}</{name}>{Environment.NewLine}  "));
        }

        /// <summary>`dotnet test` in Microsoft.Testing.Platform mode, with its TRX report.</summary>
        public IReadOnlyList<TrxResult> TestOnMicrosoftTestingPlatform()
        {
            string results = Path.Combine(Folder, "results");
            var (_, log) = DotnetCli.Run(Folder, "test", "--report-trx", "--report-trx-filename", "consumer.trx", "--results-directory", results);
            string trx = Path.Combine(results, "consumer.trx");
            return File.Exists(trx)
                ? TrxReader.Read(trx)
                : throw new Xunit.Sdk.XunitException($"dotnet test wrote no TRX file in {Folder}:{Environment.NewLine}{log}");
        }

        /// <summary>The README's line, `dotnet add package {id}`, pinned to the version packed now.</summary>
        public void AddPackage(string id) => Dotnet("add", "package", id, "--version", _feed.Version);

        public void WriteTests(string code)
        {
            foreach (string template in Directory.GetFiles(Folder, "*.cs"))
            {
                File.Delete(template);
            }

            File.WriteAllText(Path.Combine(Folder, "ZeroAllocTests.cs"), code);
        }

        public IReadOnlyList<TrxResult> Test()
        {
            string results = Path.Combine(Folder, "results");
            var (_, log) = DotnetCli.Run(Folder, "test", "--logger", "trx;LogFileName=consumer.trx", "--results-directory", results);
            string trx = Path.Combine(results, "consumer.trx");
            return File.Exists(trx)
                ? TrxReader.Read(trx)
                : throw new Xunit.Sdk.XunitException($"dotnet test wrote no TRX file in {Folder}:{Environment.NewLine}{log}");
        }

        /// <summary>The build output carries core's ReadyToRun image and its deps.json tells the host to load it on linux-x64.</summary>
        public void AssertReadyToRunCoreForLinuxX64()
        {
            const string Asset = "runtimes/linux-x64/lib/net10.0/Meridian.Perf.dll";
            string deps = Directory.GetFiles(Path.Combine(Folder, "bin"), Path.GetFileName(Folder) + ".deps.json", SearchOption.AllDirectories).First();
            using var json = JsonDocument.Parse(File.ReadAllText(deps));
            var core = json.RootElement.GetProperty("targets").EnumerateObject().First().Value.EnumerateObject()
                .Single(library => library.Name.StartsWith("Meridian.Perf/", StringComparison.Ordinal)).Value;
            var target = core.GetProperty("runtimeTargets").GetProperty(Asset);

            Assert.Equal("linux-x64", target.GetProperty("rid").GetString());
            Assert.Equal("runtime", target.GetProperty("assetType").GetString());
            Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(deps)!, Asset)), $"{Asset} is not in the build output.");
        }

        public void AssertRuntimeSettings(bool applied, string? outputFolder = null)
        {
            string folder = outputFolder ?? Path.Combine(Folder, "bin");
            string file = Directory.GetFiles(folder, Path.GetFileName(Folder) + ".runtimeconfig.json", SearchOption.AllDirectories).First();
            using var json = JsonDocument.Parse(File.ReadAllText(file));
            var properties = json.RootElement.GetProperty("runtimeOptions").TryGetProperty("configProperties", out var found)
                ? found.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ToString())
                : [];

            if (applied)
            {
                Assert.Equal("False", properties.GetValueOrDefault("System.Runtime.TieredCompilation.QuickJit"), ignoreCase: true);
                Assert.Equal("False", properties.GetValueOrDefault("System.GC.Concurrent"), ignoreCase: true);
            }
            else
            {
                Assert.False(properties.ContainsKey("System.Runtime.TieredCompilation.QuickJit"), File.ReadAllText(file));
                Assert.False(properties.ContainsKey("System.GC.Concurrent"), File.ReadAllText(file));
            }
        }
    }
}
