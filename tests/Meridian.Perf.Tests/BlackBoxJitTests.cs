using System.Diagnostics;

namespace Meridian.Perf.Tests;

/// <summary>
/// Proves what BlackBox does from the JIT's own output, not from timings: a child process compiles the same code with
/// and without BlackBox, optimized (tiered compilation off), and prints its disassembly (DOTNET_JitDisasm).
/// </summary>
public sealed class BlackBoxJitTests
{
    private static readonly Lazy<IReadOnlyDictionary<string, string>> Listings = new(CompileProbe);

    [Fact]
    public void Without_BlackBox_the_JIT_folds_the_arithmetic_to_a_constant()
    {
        string listing = Listings.Value["FoldedArithmetic"];

        Assert.Contains("mov      eax, 70", listing);
        Assert.DoesNotContain("imul", listing);
    }

    [Fact]
    public void With_Opaque_the_arithmetic_is_computed_at_run_time()
    {
        string listing = Listings.Value["OpaqueArithmetic"];

        Assert.Contains("call     [Meridian.Perf.BlackBox:Opaque[int](int):int]", listing);
        Assert.Contains("imul", listing);
        Assert.DoesNotContain("mov      eax, 70", listing);
    }

    [Fact]
    public void Without_BlackBox_the_JIT_deletes_the_loops_work()
    {
        string listing = Listings.Value["DeadLoop"];

        Assert.DoesNotContain("sqrtsd", listing);
    }

    [Fact]
    public void With_Consume_the_loop_keeps_its_work()
    {
        string listing = Listings.Value["ConsumedLoop"];

        Assert.Contains("sqrtsd", listing);
        Assert.Contains("call     [Meridian.Perf.BlackBox:Consume[double](double)]", listing);
    }

    private static Dictionary<string, string> CompileProbe()
    {
        string probe = Path.Combine(AppContext.BaseDirectory, "Meridian.Perf.JitProbe.dll");
        string listingFile = Path.Combine(Path.GetTempPath(), $"meridian-jit-{Environment.ProcessId}-{Guid.NewGuid():N}.txt");
        var start = new ProcessStartInfo("dotnet", [probe])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["DOTNET_TieredCompilation"] = "0";
        start.Environment["DOTNET_JitDisasm"] = "FoldedArithmetic OpaqueArithmetic DeadLoop ConsumedLoop";
        start.Environment["DOTNET_JitStdOutFile"] = listingFile;
        try
        {
            using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
            string output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            if (!process.WaitForExit(60_000) || process.ExitCode != 0)
            {
                throw new InvalidOperationException($"The JIT probe failed (exit {process.ExitCode}): {output}");
            }

            return SplitByMethod(File.ReadAllText(listingFile));
        }
        finally
        {
            File.Delete(listingFile);
        }
    }

    private static Dictionary<string, string> SplitByMethod(string disassembly)
    {
        const string Header = "; Assembly listing for method JitProbe:";
        var listings = new Dictionary<string, string>();
        foreach (string section in disassembly.Split(Header, StringSplitOptions.RemoveEmptyEntries).Skip(disassembly.StartsWith(Header, StringComparison.Ordinal) ? 0 : 1))
        {
            string name = section[..section.IndexOf('(', StringComparison.Ordinal)];
            listings[name] = section;
        }

        Assert.Equal(4, listings.Count);
        return listings;
    }
}
