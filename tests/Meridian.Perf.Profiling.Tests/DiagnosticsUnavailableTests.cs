using System.Diagnostics;

namespace Meridian.Perf.Profiling.Tests;

public sealed class DiagnosticsUnavailableTests
{
    [Fact]
    public void Profiling_with_diagnostics_turned_off_fails_with_the_reason_and_the_fix()
    {
        var assembly = typeof(Program).Assembly.Location;
        var start = new ProcessStartInfo("dotnet", ["exec", assembly, Program.ProbeArgument])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["DOTNET_EnableDiagnostics"] = "0";

        using var child = Process.Start(start)!;
        var output = child.StandardOutput.ReadToEnd();
        var errors = child.StandardError.ReadToEnd();
        Assert.True(child.WaitForExit(60_000), "The probe process did not finish within 60 s.");

        Assert.True(child.ExitCode == 3, $"Expected the probe to catch ProfilingUnavailableException (exit 3), got exit {child.ExitCode}.\nstdout: {output}\nstderr: {errors}");
        Assert.Contains("Cannot take a CPU profile", output);
        Assert.Contains("DOTNET_EnableDiagnostics=0", output);
        Assert.Contains("Remove that variable", output);
    }
}
