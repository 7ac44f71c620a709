namespace Meridian.Perf.Tests.BaselineBuilds;

public sealed class BaselineBuildConfigurationTests
{
    [Fact]
    public void Nothing_configured_says_how_to_configure_each_source()
    {
        var configuration = BaselineBuildConfiguration.For(typeof(BaselineBuildConfigurationTests).Assembly, _ => null);

        Assert.Empty(configuration.Folders);
        Assert.StartsWith("no baseline build is configured for Meridian.Perf.Tests, so nothing was compared.", configuration.NotConfigured, StringComparison.Ordinal);
        Assert.Contains("<MeridianPerfBaseline Include=\"MyCompany.Parsing\" Version=\"1.4.0\" />", configuration.NotConfigured, StringComparison.Ordinal);
        Assert.Contains("MERIDIAN_PERF_BASELINE_DIRECTORY=/path", configuration.NotConfigured, StringComparison.Ordinal);
        Assert.Contains("-p:MeridianPerfBaselineDirectory=/path", configuration.NotConfigured, StringComparison.Ordinal);
        Assert.Contains("-t:MeridianPerfBuildBaseline -p:MeridianPerfBaselineRef=origin/main", configuration.NotConfigured, StringComparison.Ordinal);
    }

    [Fact]
    public void The_environment_variable_names_one_or_more_folders()
    {
        string value = $"/a{Path.PathSeparator} /b ";

        var configuration = BaselineBuildConfiguration.For(typeof(BaselineBuildConfigurationTests).Assembly, name => name == "MERIDIAN_PERF_BASELINE_DIRECTORY" ? value : null);

        Assert.Null(configuration.NotConfigured);
        Assert.Equal(["/a", "/b"], configuration.Folders.Select(f => f.Root));
        Assert.All(configuration.Folders, f => Assert.StartsWith("folder from MERIDIAN_PERF_BASELINE_DIRECTORY", f.Description, StringComparison.Ordinal));
    }

    [Fact]
    public void An_empty_environment_variable_is_not_a_configuration() =>
        Assert.NotNull(BaselineBuildConfiguration.For(typeof(BaselineBuildConfigurationTests).Assembly, _ => string.Empty).NotConfigured);

    [Fact]
    public void A_folder_built_by_the_target_says_which_ref_and_commit()
    {
        string root = Directory.CreateTempSubdirectory("meridian-baseline-").FullName;
        try
        {
            File.WriteAllLines(Path.Combine(root, "meridian-perf-baseline.txt"), ["ref=origin/main", "commit=0123456789abcdef0123456789abcdef01234567", "configuration=Release"]);

            var folder = new BaselineFolder("folder from X", root);

            Assert.Equal("folder from X, built from origin/main (commit 0123456789ab) by MeridianPerfBuildBaseline", folder.Description);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
