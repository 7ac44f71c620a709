using System.Globalization;
using System.Xml.Linq;

namespace Meridian.Perf.Profiling.Tests;

public sealed class AllocationProfilerTests
{
    [Fact]
    public void Two_call_sites_in_a_three_to_one_byte_ratio_are_both_named_and_the_ratio_holds()
    {
        Workloads.ThreeToOne(100);

        // 50 000 rounds allocate 150 000 × 1 024 B ≈ 154 MB at one site and ≈ 51 MB at the other: ~2 000 samples in all,
        // ~500 at the smaller site, so the ratio's standard error is ~5 % and the ±25 % band is 5 of them.
        var profile = AllocationProfiler.Profile(() => Workloads.ThreeToOne(50_000));

        var three = Assert.Single(profile.Sites, site => site.Method.Contains("Workloads.AllocateThreeKilobytes(", StringComparison.Ordinal));
        var one = Assert.Single(profile.Sites, site => site.Method.Contains("Workloads.AllocateOneKilobyte(", StringComparison.Ordinal));
        Assert.Equal("System.Byte[]", three.TypeName);
        Assert.Equal("System.Byte[]", one.TypeName);

        var ratio = three.EstimatedBytes / one.EstimatedBytes;
        Assert.True(ratio is >= 3 * 0.75 and <= 3 * 1.25, $"Estimated byte ratio {ratio:0.00}, expected 3 ± 25 %:\n{profile}");

        // The exact count is 204 800 000 B of arrays plus the loop's nothing: the estimate is within a few per cent.
        Assert.NotNull(profile.ExactThreadBytes);
        var error = Math.Abs(profile.EstimatedBytes - profile.ExactThreadBytes!.Value) / profile.ExactThreadBytes.Value;
        Assert.True(error < 0.2, $"Estimated {profile.EstimatedBytes:0} B of exact {profile.ExactThreadBytes} B:\n{profile}");
    }

    [Fact]
    public void Bytes_flamegraph_ends_stacks_in_the_allocated_type()
    {
        var profile = AllocationProfiler.Profile(() => Workloads.ThreeToOne(20_000));

        Assert.All(profile.Stacks, stack => Assert.StartsWith("new ", stack.Leaf));
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        profile.WriteFlamegraph(writer);
        var svg = XDocument.Parse(writer.ToString());
        Assert.Contains(svg.Descendants(XName.Get("title", "http://www.w3.org/2000/svg")), title => title.Value.StartsWith("new System.Byte[] (", StringComparison.Ordinal) && title.Value.Contains(" B, ", StringComparison.Ordinal));
        Assert.Contains("System.Byte[] @ Meridian.Perf.Profiling.Tests.Workloads.AllocateThreeKilobytes()", profile.ToString());
    }
}
