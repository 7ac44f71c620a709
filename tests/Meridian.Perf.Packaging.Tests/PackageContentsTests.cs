using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.Json;
using System.Xml.Linq;

namespace Meridian.Perf.Packaging.Tests;

/// <summary>What every library package carries, read from the .nupkg and .snupkg that `dotnet pack` wrote.</summary>
[Collection(FeedCollection.Name)]
public sealed class PackageContentsTests(LocalFeed feed)
{
    private const string RepositoryUrl = "https://github.com/meridian-perf/meridian-perf";
    private static readonly Guid SourceLinkKind = new("CC110556-A091-4D38-9FEC-25AB9A351A6A");
    private static readonly Guid EmbeddedSourceKind = new("0E8A571B-6926-466E-B4AD-8AB04611F5FE");

    public static TheoryData<string> Packages => new(LocalFeed.LibraryPackages);

    [Fact]
    public void Pack_made_every_library_package_and_nothing_else()
    {
        var made = Directory.GetFiles(feed.Folder, "*.nupkg").Select(Path.GetFileName).Order().ToList();

        Assert.Equal(LocalFeed.LibraryPackages.Concat(LocalFeed.ToolPackages).Select(id => $"{id}.{feed.Version}.nupkg").Order(), made);
        Assert.DoesNotContain("warning", feed.PackLog, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [MemberData(nameof(Packages))]
    public void Package_metadata_is_complete(string id)
    {
        using var package = ZipFile.OpenRead(feed.Package(id));
        var metadata = Nuspec(package, id);
        XNamespace ns = metadata.Name.Namespace;

        Assert.Equal(id, (string?)metadata.Element(ns + "id"));
        Assert.Equal(feed.Version, (string?)metadata.Element(ns + "version"));
        var license = metadata.Element(ns + "license");
        Assert.Equal("expression", (string?)license?.Attribute("type"));
        Assert.Equal("MIT", license?.Value);
        var repository = metadata.Element(ns + "repository");
        Assert.Equal("git", (string?)repository?.Attribute("type"));
        Assert.Equal(RepositoryUrl, (string?)repository?.Attribute("url"));
        Assert.Matches("^[0-9a-f]{40}$", (string?)repository?.Attribute("commit") ?? string.Empty);
        Assert.Equal("README.md", (string?)metadata.Element(ns + "readme"));
        Assert.Contains(feed.Version, (string?)metadata.Element(ns + "releaseNotes") ?? string.Empty, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace((string?)metadata.Element(ns + "description")));
        Assert.Contains("performance", (string?)metadata.Element(ns + "tags") ?? string.Empty, StringComparison.Ordinal);

        var entries = package.Entries.Select(e => e.FullName).ToHashSet();
        Assert.Contains("README.md", entries);
        Assert.Contains("CHANGELOG.md", entries);
        foreach (string framework in new[] { "net8.0", "net10.0" })
        {
            Assert.Contains($"lib/{framework}/{id}.dll", entries);
            Assert.Contains($"lib/{framework}/{id}.xml", entries);
        }
    }

    [Fact]
    public void Core_carries_the_runtime_settings_for_consumers()
    {
        using var package = ZipFile.OpenRead(feed.Package("Meridian.Perf"));

        Assert.Contains(package.Entries, e => e.FullName == "buildTransitive/Meridian.Perf.targets");
    }

    [Theory]
    [InlineData("net8.0")]
    [InlineData("net10.0")]
    public void Core_carries_ReadyToRun_code_for_linux_x64_built_from_the_same_IL(string framework)
    {
        // The host loads runtimes/linux-x64/lib/ on linux-x64 instead of lib/ (issue 19: the first measurement of a
        // process does not wait for the JIT); the image must be the same assembly, so lib/'s symbols describe it.
        using var package = ZipFile.OpenRead(feed.Package("Meridian.Perf"));
        using var portable = PeImage(package, $"lib/{framework}/Meridian.Perf.dll");
        using var precompiled = PeImage(package, $"runtimes/linux-x64/lib/{framework}/Meridian.Perf.dll");

        Assert.Equal(0, portable.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size);
        Assert.NotEqual(0, precompiled.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size);
        Assert.Equal(Mvid(portable), Mvid(precompiled));
    }

    [Theory]
    [InlineData("Meridian.Perf.Xunit")]
    [InlineData("Meridian.Perf.Xunit.V3")]
    [InlineData("Meridian.Perf.NUnit")]
    [InlineData("Meridian.Perf.MSTest")]
    [InlineData("Meridian.Perf.TUnit")]
    public void Every_adapter_brings_its_global_usings(string id)
    {
        using var package = ZipFile.OpenRead(feed.Package(id));
        var props = package.GetEntry($"buildTransitive/{id}.props") ?? throw new Xunit.Sdk.XunitException($"{id} has no buildTransitive/{id}.props.");
        using var reader = new StreamReader(props.Open());
        string text = reader.ReadToEnd();

        Assert.Contains("<Using Include=\"Meridian.Perf\" />", text, StringComparison.Ordinal);
        Assert.Contains($"<Using Include=\"{id}\" />", text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Packages))]
    public void Adapters_and_libraries_depend_on_core_at_the_same_version(string id)
    {
        if (id is "Meridian.Perf")
        {
            return;
        }

        using var package = ZipFile.OpenRead(feed.Package(id));
        var metadata = Nuspec(package, id);
        var core = metadata.Descendants(metadata.Name.Namespace + "dependency").Where(d => (string?)d.Attribute("id") == "Meridian.Perf").ToList();

        Assert.NotEmpty(core);
        Assert.All(core, d => Assert.Equal(feed.Version, (string?)d.Attribute("version")));
    }

    [Theory]
    [MemberData(nameof(Packages))]
    public void Symbols_map_every_source_file_to_the_repository(string id)
    {
        using var symbols = ZipFile.OpenRead(feed.Package(id, "snupkg"));
        var pdbs = symbols.Entries.Where(e => e.FullName.EndsWith(".pdb", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, pdbs.Count);

        foreach (var entry in pdbs)
        {
            using var memory = new MemoryStream();
            using (var stream = entry.Open())
            {
                stream.CopyTo(memory);
            }

            memory.Position = 0;
            using var provider = MetadataReaderProvider.FromPortablePdbStream(memory);
            var reader = provider.GetMetadataReader();
            var map = SourceLinkMap(reader) ?? throw new Xunit.Sdk.XunitException($"{entry.FullName} has no SourceLink map.");
            var unmapped = new List<string>();
            int mapped = 0;
            foreach (var handle in reader.Documents)
            {
                string path = reader.GetString(reader.GetDocument(handle).Name);
                if (IsEmbedded(reader, handle))
                {
                    continue;
                }

                var url = Map(map, path);
                if (url is null || !url.StartsWith($"https://raw.githubusercontent.com/meridian-perf/meridian-perf/", StringComparison.Ordinal))
                {
                    unmapped.Add($"{path} -> {url ?? "(no mapping)"}");
                    continue;
                }

                // The URL must name a file the repository really has at that commit: a source file tracked by git.
                string relative = url.Split('/', 7)[6];
                if (!File.Exists(Path.Combine(feed.Root, relative)) || relative.Contains("/obj/", StringComparison.Ordinal))
                {
                    unmapped.Add($"{path} -> {url} (not a file of the repository)");
                    continue;
                }

                mapped++;
            }

            Assert.True(unmapped.Count == 0, $"{id} {entry.FullName}: documents without a repository URL or embedded source:{Environment.NewLine}{string.Join(Environment.NewLine, unmapped)}");
            Assert.True(mapped > 0, $"{id} {entry.FullName}: no document was mapped.");
        }
    }

    private static XElement Nuspec(ZipArchive package, string id)
    {
        var entry = package.GetEntry($"{id}.nuspec") ?? throw new Xunit.Sdk.XunitException($"{id} has no nuspec.");
        using var stream = entry.Open();
        var document = XDocument.Load(stream);
        return document.Root!.Elements().Single(e => e.Name.LocalName == "metadata");
    }

    private static Dictionary<string, string>? SourceLinkMap(MetadataReader reader)
    {
        foreach (var handle in reader.GetCustomDebugInformation(EntityHandle.ModuleDefinition))
        {
            var information = reader.GetCustomDebugInformation(handle);
            if (reader.GetGuid(information.Kind) == SourceLinkKind)
            {
                using var json = JsonDocument.Parse(reader.GetBlobBytes(information.Value));
                return json.RootElement.GetProperty("documents").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
            }
        }

        return null;
    }

    private static bool IsEmbedded(MetadataReader reader, DocumentHandle document) =>
        reader.GetCustomDebugInformation(document).Any(h => reader.GetGuid(reader.GetCustomDebugInformation(h).Kind) == EmbeddedSourceKind);

    private static string? Map(Dictionary<string, string> map, string path)
    {
        foreach (var (pattern, url) in map)
        {
            if (pattern.EndsWith('*') && path.StartsWith(pattern[..^1], StringComparison.Ordinal))
            {
                return url[..^1] + path[(pattern.Length - 1)..].Replace('\\', '/');
            }

            if (pattern == path)
            {
                return url;
            }
        }

        return null;
    }

    private static PEReader PeImage(ZipArchive package, string path)
    {
        var entry = package.GetEntry(path) ?? throw new Xunit.Sdk.XunitException($"The package has no {path}.");
        var memory = new MemoryStream();
        using (var stream = entry.Open())
        {
            stream.CopyTo(memory);
        }

        memory.Position = 0;
        return new PEReader(memory);
    }

    private static Guid Mvid(PEReader image)
    {
        var reader = image.GetMetadataReader();
        return reader.GetGuid(reader.GetModuleDefinition().Mvid);
    }
}
