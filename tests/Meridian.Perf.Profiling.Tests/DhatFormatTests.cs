using System.Text.Json;

namespace Meridian.Perf.Profiling.Tests;

/// <summary>
/// The DHAT file against the rules Valgrind's viewer (dh_view.js, <c>buildTree</c> and <c>checkPP</c>) applies when it
/// loads one, written down here: the required fields, version 2, lifetimes and accesses only with their fields, frame 0
/// "[root]", every program point with bytes, blocks and frames, no location twice.
/// </summary>
public sealed class DhatFormatTests
{
    [Fact]
    public void Dhat_file_of_an_allocation_profile_passes_the_viewers_checks_and_keeps_the_estimates()
    {
        Workloads.ThreeToOne(100);
        var profile = AllocationProfiler.Profile(() => Workloads.ThreeToOne(20_000));
        var path = Path.Combine(Path.GetTempPath(), $"dhat-{Guid.NewGuid():N}.json");
        try
        {
            profile.WriteDhat(path);
            using var json = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = json.RootElement;

            var problems = DhViewRules.Check(root);
            Assert.True(problems.Count == 0, string.Join("\n", problems));

            // The figures are the profile's: bytes sum to its estimate, and the allocating sites are named.
            var pps = root.GetProperty("pps").EnumerateArray().ToList();
            var frames = root.GetProperty("ftbl").EnumerateArray().Select(frame => frame.GetString()!).ToList();
            Assert.Equal(Math.Round(profile.EstimatedBytes), pps.Sum(pp => pp.GetProperty("tb").GetInt64()), 0.5 * pps.Count);
            Assert.Contains(frames, frame => frame.Contains("Workloads.AllocateThreeKilobytes(", StringComparison.Ordinal));
            Assert.All(pps, pp => Assert.StartsWith("new ", frames[pp.GetProperty("fs")[0].GetInt32()]));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void The_written_down_rules_reject_what_the_viewer_rejects()
    {
        const string Valid = """{"dhatFileVersion":2,"mode":"heap","verb":"Allocated","bklt":false,"bkacc":false,"tu":"µs","Mtu":"s","cmd":"x","pid":1,"te":10,"pps":[{"tb":24,"tbk":1,"fs":[1]}],"ftbl":["[root]","f"]}""";
        Assert.Empty(DhViewRules.Check(JsonDocument.Parse(Valid).RootElement));

        AssertProblem("missing a field: Mtu", DhViewRules.Check(JsonDocument.Parse(Valid.Replace("\"Mtu\":\"s\",", "", StringComparison.Ordinal)).RootElement));
        AssertProblem("version 3, expected 2", DhViewRules.Check(JsonDocument.Parse(Valid.Replace("\"dhatFileVersion\":2", "\"dhatFileVersion\":3", StringComparison.Ordinal)).RootElement));
        AssertProblem("missing a field: tg", DhViewRules.Check(JsonDocument.Parse(Valid.Replace("\"bklt\":false", "\"bklt\":true", StringComparison.Ordinal)).RootElement));
        AssertProblem("repeated location", DhViewRules.Check(JsonDocument.Parse(Valid.Replace("[{\"tb\":24,\"tbk\":1,\"fs\":[1]}]", "[{\"tb\":24,\"tbk\":1,\"fs\":[1]},{\"tb\":8,\"tbk\":1,\"fs\":[1]}]", StringComparison.Ordinal)).RootElement));
        AssertProblem("frame 0 is \"f\", not \"[root]\"", DhViewRules.Check(JsonDocument.Parse(Valid.Replace("[\"[root]\",\"f\"]", "[\"f\",\"g\"]", StringComparison.Ordinal)).RootElement));
        AssertProblem("program point 0: frame index 2 outside the frame table", DhViewRules.Check(JsonDocument.Parse(Valid.Replace("\"fs\":[1]", "\"fs\":[2]", StringComparison.Ordinal)).RootElement));
    }

    private static void AssertProblem(string expected, List<string> problems) =>
        Assert.True(problems.Any(problem => problem.Contains(expected, StringComparison.Ordinal)), $"Expected a problem containing '{expected}', got: {string.Join("; ", problems)}");

    /// <summary>dh_view.js's checks on a loaded file, as a list of the problems it would stop at.</summary>
    private static class DhViewRules
    {
        public static List<string> Check(JsonElement data)
        {
            var problems = new List<string>();
            string[] required = ["dhatFileVersion", "mode", "verb", "bklt", "bkacc", "tu", "Mtu", "cmd", "pid", "te", "pps", "ftbl"];
            problems.AddRange(Missing(data, required));
            if (problems.Count > 0)
            {
                return problems;
            }

            if (data.GetProperty("dhatFileVersion").GetInt32() is var version and not 2)
            {
                problems.Add($"data file has version {version}, expected 2");
            }

            var lifetimes = data.GetProperty("bklt").GetBoolean();
            var accesses = data.GetProperty("bkacc").GetBoolean();
            if (lifetimes)
            {
                problems.AddRange(Missing(data, ["tg", "tuth"]));
            }

            // te divides every rate the viewer prints.
            if (data.GetProperty("te").GetDouble() <= 0)
            {
                problems.Add("te must be positive");
            }

            var frames = data.GetProperty("ftbl").EnumerateArray().Select(frame => frame.GetString()).ToList();
            if (frames.Count == 0 || frames[0] != "[root]")
            {
                problems.Add($"frame 0 is \"{frames.FirstOrDefault()}\", not \"[root]\"");
            }

            var locations = new HashSet<string>(StringComparer.Ordinal);
            var index = 0;
            foreach (var pp in data.GetProperty("pps").EnumerateArray())
            {
                problems.AddRange(Missing(pp, ["tb", "tbk", "fs"]).Select(problem => $"program point {index}: {problem}"));
                if (lifetimes)
                {
                    problems.AddRange(Missing(pp, ["mb", "mbk", "gb", "gbk", "eb", "ebk"]).Select(problem => $"program point {index}: {problem}"));
                }

                if (accesses)
                {
                    problems.AddRange(Missing(pp, ["rb", "wb"]).Select(problem => $"program point {index}: {problem}"));
                }

                if (pp.TryGetProperty("fs", out var fs))
                {
                    var indices = fs.EnumerateArray().Select(frame => frame.GetInt32()).ToList();
                    problems.AddRange(indices.Where(frame => frame < 1 || frame >= frames.Count).Select(frame => $"program point {index}: frame index {frame} outside the frame table"));
                    if (!locations.Add(string.Join(",", indices)))
                    {
                        problems.Add($"data file contains a repeated location (program point {index})");
                    }
                }

                index++;
            }

            return problems;
        }

        private static IEnumerable<string> Missing(JsonElement element, string[] fields) =>
            fields.Where(field => !element.TryGetProperty(field, out _)).Select(field => $"data file is missing a field: {field}");
    }
}
