namespace Meridian.Perf.Profiling.Tests;

public sealed class PerfMapSymbolsTests
{
    [Theory]
    [InlineData("0x7f7f7e0a1860 923 void [proto] Program::<Main>$(string[])[QuickJitted]", 0x7f7f7e0a1860UL, 0x923UL, "Program.<Main>$(string[])")]
    [InlineData("0x7f7ec348a5e0 5de instance bool [System.Private.CoreLib] System.Collections.Generic.Dictionary`2[Interop+Error,System.Net.Sockets.SocketError]::TryInsert(!0,!1,valuetype System.Collections.Generic.InsertionBehavior)[Optimized]", 0x7f7ec348a5e0UL, 0x5deUL, "System.Collections.Generic.Dictionary`2[Interop+Error,System.Net.Sockets.SocketError].TryInsert(!0,!1,valuetype System.Collections.Generic.InsertionBehavior)")]
    [InlineData("0x10 8 int32[] [A.B] N.T::M(int32[])[OptimizedTier1]", 0x10UL, 0x8UL, "N.T.M(int32[])")]
    [InlineData("0x7f7f766e7810 12 stub CreateHelperArgMove<DynamicHelper>", 0x7f7f766e7810UL, 0x12UL, "[runtime stub CreateHelperArgMove<DynamicHelper>]")]
    public void Perf_map_lines_become_names_in_trace_event_style(string line, ulong start, ulong size, string name)
    {
        var symbol = PerfMapSymbols.Parse(line);

        Assert.NotNull(symbol);
        Assert.Equal(start, symbol.Value.Start);
        Assert.Equal(size, symbol.Value.Size);
        Assert.Equal(name, symbol.Value.Name);
    }

    [Theory]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("0xZZ 10 x")]
    public void Malformed_lines_are_skipped(string line) => Assert.Null(PerfMapSymbols.Parse(line));
}
