namespace Meridian.Perf.Tests.BaselineBuilds;

public sealed class FrameworkFoldersTests : IDisposable
{
    private static readonly Version Net10 = new(10, 0);
    private readonly string _root = Directory.CreateTempSubdirectory("meridian-frameworks-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void A_folder_of_assemblies_is_used_as_it_is()
    {
        Touch("Library.dll");

        var selection = FrameworkFolders.Select(_root, Net10);

        Assert.Equal(_root, selection.Folder);
        Assert.Null(selection.Choice);
    }

    [Fact]
    public void A_package_gets_its_best_lib_folder_for_the_runtime_as_NuGet_would_pick_it()
    {
        Touch("lib/netstandard2.0/Library.dll");
        Touch("lib/net8.0/Library.dll");
        Touch("lib/net11.0/Library.dll");
        Touch("lib/net10.0-windows/Library.dll");
        Touch("lib/net462/Library.dll");

        var selection = FrameworkFolders.Select(_root, Net10);

        Assert.Equal(Path.Combine(_root, "lib", "net8.0"), selection.Folder);
        Assert.Equal("target framework net8.0, the best for .NET 10.0 among net8.0, netstandard2.0", selection.Choice);
    }

    [Fact]
    public void A_multi_targeting_build_output_gets_its_best_framework_folder()
    {
        Touch("net8.0/Library.dll");
        Touch("net10.0/Library.dll");
        Touch("netcoreapp3.1/Library.dll");

        Assert.Equal(Path.Combine(_root, "net10.0"), FrameworkFolders.Select(_root, Net10).Folder);
        Assert.Equal(Path.Combine(_root, "net8.0"), FrameworkFolders.Select(_root, new Version(9, 0)).Folder);
    }

    [Fact]
    public void Nothing_loadable_is_a_problem_that_names_what_is_there()
    {
        Touch("lib/net10.0-windows/Library.dll");
        Touch("lib/net472/Library.dll");

        var selection = FrameworkFolders.Select(_root, Net10);

        Assert.Null(selection.Folder);
        Assert.Contains("no target-framework folder this runtime (.NET 10.0) can load", selection.Problem, StringComparison.Ordinal);
        Assert.Contains("net10.0-windows", selection.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_folder_is_a_problem() =>
        Assert.Equal($"the folder {_root}/none does not exist", FrameworkFolders.Select(_root + "/none", Net10).Problem);

    private void Touch(string relative)
    {
        string path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, string.Empty);
    }
}
