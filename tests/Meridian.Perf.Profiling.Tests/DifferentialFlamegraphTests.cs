using System.Globalization;
using System.Xml.Linq;

namespace Meridian.Perf.Profiling.Tests;

public sealed class DifferentialFlamegraphTests
{
    [Fact]
    public void Frames_whose_share_grew_are_red_those_that_shrank_blue_with_both_shares_in_the_tooltip()
    {
        StackSample[] before = [new(["main", "parse"], 75), new(["main", "emit"], 25)];
        StackSample[] after = [new(["main", "parse"], 10), new(["main", "emit"], 30)];

        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        FlamegraphSvgWriter.WriteDifferential(writer, before, after);
        XNamespace ns = "http://www.w3.org/2000/svg";
        var frames = XDocument.Parse(writer.ToString()).Descendants(ns + "g")
            .ToDictionary(g => g.Element(ns + "title")!.Value.Split(' ')[0], g => (Title: g.Element(ns + "title")!.Value, Fill: g.Element(ns + "rect")!.Attribute("fill")!.Value));

        // parse: 75 % → 25 % (−50 points, the largest change: full blue); emit: 25 % → 75 % (+50: full red); main unchanged.
        Assert.Equal("parse (now 25.00 %, before 75.00 %, change -50.00 points)", frames["parse"].Title);
        Assert.Equal("emit (now 75.00 %, before 25.00 %, change +50.00 points)", frames["emit"].Title);
        Assert.Equal("rgb(80,80,255)", frames["parse"].Fill);
        Assert.Equal("rgb(255,80,80)", frames["emit"].Fill);
        Assert.Equal("rgb(255,255,255)", frames["main"].Fill);
    }

    [Fact]
    public void A_frame_new_in_the_second_profile_counts_from_zero()
    {
        StackSample[] before = [new(["main", "a"], 10)];
        StackSample[] after = [new(["main", "a"], 5), new(["main", "b"], 5)];

        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        FlamegraphSvgWriter.WriteDifferential(writer, before, after);

        Assert.Contains("b (now 50.00 %, before 0.00 %, change +50.00 points)", writer.ToString());
    }
}
