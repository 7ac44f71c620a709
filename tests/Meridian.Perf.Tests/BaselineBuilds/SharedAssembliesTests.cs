namespace Meridian.Perf.Tests.BaselineBuilds;

public sealed class SharedAssembliesTests
{
    [Theory]
    [InlineData("System.Private.CoreLib", "part of the shared framework")]
    [InlineData("System.Text.Json", "part of the shared framework")]
    [InlineData("System.Runtime", "part of the shared framework")]
    [InlineData("Meridian.Perf", "the measuring library")]
    [InlineData("Meridian.Perf.Xunit", "the measuring library")]
    [InlineData("xunit.core", "the test framework")]
    [InlineData("xunit.v3.core", "the test framework")]
    [InlineData("Meridian.Perf.TUnit", "the measuring library")]
    [InlineData("nunit.framework", "the test framework")]
    [InlineData("TUnit.Core", "the test framework")]
    [InlineData("Microsoft.VisualStudio.TestPlatform.TestFramework", "the test framework")]
    [InlineData("NUnit3.TestAdapter", "the test framework")]
    [InlineData("Microsoft.TestPlatform.CoreUtilities", "the test framework")]
    [InlineData("testhost", "the test framework")]
    public void The_runtime_Meridian_Perf_and_the_test_frameworks_are_shared(string name, string reason) =>
        Assert.Equal(reason, SharedAssemblies.Reason(name));

    [Theory]
    [InlineData("MathNet.Numerics")]
    [InlineData("Meridian.PerfTools")]
    [InlineData("Meridian.Perf.BaselineBuild.Library")]
    [InlineData("Meridian.Telemetry")]
    [InlineData("MyCompany.Parsing")]
    public void Other_assemblies_may_come_from_the_baseline_build(string name) => Assert.Null(SharedAssemblies.Reason(name));
}
