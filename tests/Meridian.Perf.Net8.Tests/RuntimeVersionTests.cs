namespace Meridian.Perf.Tests;

/// <summary>Guards the premise of this project: the linked tests really run on .NET 8.</summary>
public sealed class RuntimeVersionTests
{
    [Fact]
    public void The_tests_run_on_dotnet_8() => Assert.Equal(8, Environment.Version.Major);
}
