using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;

namespace Meridian.Perf.Profiling.Tests;

public sealed class CpuProfilerTests(HotMethodProfileFixture fixture) : IClassFixture<HotMethodProfileFixture>
{
    // The sampler takes ~700 samples a second of a running thread here, ~350 under two parallel builds: a profile of
    // 0.7 s with fewer than 30 would not test anything, so that is reported instead of a share.
    private const int MinimumSamples = 30;

    private CpuProfile Profile => fixture.Profile;

    [Fact]
    public void Hot_method_has_at_least_half_of_the_workload_threads_samples()
    {
        Assert.True(Profile.SampleCount >= MinimumSamples, $"Only {Profile.SampleCount} samples in {Profile.Duration.TotalMilliseconds:0} ms:\n{Profile}");

        var hotShare = Profile.InclusiveShareOf("Workloads.HotMethod(");
        var coldShare = Profile.InclusiveShareOf("Workloads.ColdMethod(");
        Assert.True(hotShare >= 0.5, $"HotMethod has {hotShare:P1} of the samples (ColdMethod {coldShare:P1}), expected ≥ 50 %:\n{Profile}");
        Assert.True(hotShare > coldShare, $"HotMethod {hotShare:P1} should outweigh ColdMethod {coldShare:P1}:\n{Profile}");
    }

    [Fact]
    public void Stacks_start_at_the_body_not_at_the_test_runner()
    {
        Assert.All(Profile.Stacks, stack => Assert.DoesNotContain(stack.Frames, frame => frame.StartsWith("Xunit.", StringComparison.Ordinal)));
        Assert.All(Profile.Stacks, stack => Assert.DoesNotContain(stack.Frames, frame => frame.Contains("WorkloadFrames", StringComparison.Ordinal)));
        Assert.Equal(Profile.SampleCount, Profile.TotalWeight);
    }

    [Fact]
    public void Folded_output_parses_back_to_the_same_stacks()
    {
        var folded = Profile.ToFolded();
        var parsed = FoldedStacks.Parse(folded);

        Assert.Equal(Profile.SampleCount, parsed.Sum(stack => stack.Weight));
        var expected = Profile.Stacks.ToDictionary(stack => string.Join(";", stack.Frames), stack => stack.Weight);
        var actual = parsed.ToDictionary(stack => string.Join(";", stack.Frames), stack => stack.Weight);
        Assert.Equal(expected.OrderBy(pair => pair.Key, StringComparer.Ordinal), actual.OrderBy(pair => pair.Key, StringComparer.Ordinal));
        Assert.All(folded.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => Assert.Matches(@"^[^ ].*[^;] \d+$", line));
    }

    [Fact]
    public void Svg_is_well_formed_and_its_largest_frame_below_the_body_is_the_hot_method()
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        Profile.WriteFlamegraph(writer);
        var svg = XDocument.Parse(writer.ToString());
        XNamespace ns = "http://www.w3.org/2000/svg";

        var frames = svg.Descendants(ns + "g")
            .Select(group => (
                Title: group.Element(ns + "title")!.Value,
                Width: double.Parse(group.Element(ns + "rect")!.Attribute("width")!.Value, CultureInfo.InvariantCulture)))
            .OrderByDescending(frame => frame.Width)
            .ToList();

        // The two widest are the root ("all", every sample) and the body's lambda (the root of every stack).
        var body = Profile.Stacks[0].Frames[0];
        Assert.StartsWith("all ", frames[0].Title);
        Assert.StartsWith(body + " ", frames[1].Title);
        Assert.Contains("Workloads.HotAndCold(", frames[2].Title);
        Assert.Contains("Workloads.HotMethod(", frames[3].Title);
        Assert.Matches(@"\(\d+ samples, \d+\.\d\d %\)$", frames[3].Title);
    }

    [Fact]
    public void Speedscope_json_has_the_schemas_shape()
    {
        using var stream = new MemoryStream();
        SpeedscopeWriter.Write(stream, "hot and cold", Profile.Stacks, ProfileWeightUnit.Samples);
        using var json = JsonDocument.Parse(stream.ToArray());
        var root = json.RootElement;

        Assert.Equal("https://www.speedscope.app/file-format-schema.json", root.GetProperty("$schema").GetString());
        var frames = root.GetProperty("shared").GetProperty("frames");
        Assert.True(frames.GetArrayLength() > 0);
        Assert.All(frames.EnumerateArray(), frame => Assert.False(string.IsNullOrEmpty(frame.GetProperty("name").GetString())));

        var profile = Assert.Single(root.GetProperty("profiles").EnumerateArray());
        Assert.Equal("sampled", profile.GetProperty("type").GetString());
        Assert.Equal("none", profile.GetProperty("unit").GetString());
        Assert.Equal("hot and cold", profile.GetProperty("name").GetString());
        var samples = profile.GetProperty("samples");
        var weights = profile.GetProperty("weights");
        Assert.Equal(samples.GetArrayLength(), weights.GetArrayLength());
        Assert.All(samples.EnumerateArray(), sample => Assert.All(sample.EnumerateArray(), index => Assert.InRange(index.GetInt32(), 0, frames.GetArrayLength() - 1)));
        Assert.Equal(0, profile.GetProperty("startValue").GetDouble());
        Assert.Equal(weights.EnumerateArray().Sum(weight => weight.GetDouble()), profile.GetProperty("endValue").GetDouble());
        Assert.Equal(Profile.SampleCount, profile.GetProperty("endValue").GetDouble());
    }

    [Fact]
    public void Report_names_the_hot_method_and_the_sessions_costs()
    {
        var report = Profile.ToString();

        Assert.Contains("Workloads.HotMethod(", report);
        Assert.Contains("Top 10 by self samples:", report);
        Assert.Contains("session start", report);
        Assert.True(Profile.Session.TraceBytes > 0);
    }
}
