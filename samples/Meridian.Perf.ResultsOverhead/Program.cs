using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.Loader;
using Meridian.Perf;
using Meridian.Perf.ResultsOverhead;

// What the results sink costs, side by side in one process: this build with the sink off and on, and a reference
// build of the same code without the hook lines (or an earlier commit), each loaded into its own AssemblyLoadContext,
// compared with Bench.Compare (interleaved) on the paths the sink hooks: Allocations.AssertNone (the engine [ZeroAlloc]
// runs on), TestBodyAllocations.AssertWithinBudget ([ZeroAlloc] itself) and Bench.Run. Two copies of the reference are
// compared first, to show what the harness reads when nothing differs.
// Build the reference:  git archive HEAD | tar -x -C /tmp/ref, delete the ResultsSink lines listed in docs/ci.md, then
//                       dotnet build /tmp/ref/src/Meridian.Perf -c Release -f net10.0
// Run:                  dotnet run -c Release --project samples/Meridian.Perf.ResultsOverhead -- /tmp/ref/src/Meridian.Perf/bin/Release/net10.0/Meridian.Perf.dll
if (args is not [string referenceDll] || !File.Exists(referenceDll))
{
    Console.Error.WriteLine("usage: Meridian.Perf.ResultsOverhead <Meridian.Perf.dll built without the results sink>");
    return 2;
}

Console.WriteLine($"this build, sink off: recording={PerfResults.IsRecording}");
string folder = Path.Combine(Path.GetTempPath(), "meridian-results-overhead", Guid.NewGuid().ToString("N"));
var reference = Load("reference", Path.GetFullPath(referenceDll));
var off = typeof(Bench).Assembly;
Environment.SetEnvironmentVariable(PerfResults.FolderVariable, folder);
var on = Load("sink-on", off.Location);
Console.WriteLine($"this build, sink on (own load context): recording={on.GetType("Meridian.Perf.PerfResults")!.GetProperty("IsRecording")!.GetValue(null)}");

var compare = new Meridian.Perf.CompareOptions { MaxTime = TimeSpan.FromSeconds(10) };

// A/A first: two copies of the reference in two load contexts show what this harness reads when nothing differs.
var referenceCopy = Load("reference-copy", Path.GetFullPath(referenceDll));
Report("Allocations.AssertNone(empty body)", "reference", "reference copy", Bench.Compare(AssertNone(reference), AssertNone(referenceCopy), compare));
Report("TestBodyAllocations.AssertWithinBudget ([ZeroAlloc])", "reference", "reference copy", Bench.Compare(ZeroAlloc(reference), ZeroAlloc(referenceCopy), compare));
Report("Allocations.AssertNone(empty body)", "reference", "sink off", Bench.Compare(AssertNone(reference), AssertNone(off), compare));
Report("TestBodyAllocations.AssertWithinBudget ([ZeroAlloc])", "reference", "sink off", Bench.Compare(ZeroAlloc(reference), ZeroAlloc(off), compare));
Report("Allocations.AssertNone(empty body)", "sink off", "sink on", Bench.Compare(AssertNone(off), AssertNone(on), compare));
Report("TestBodyAllocations.AssertWithinBudget ([ZeroAlloc])", "sink off", "sink on", Bench.Compare(ZeroAlloc(off), ZeroAlloc(on), compare));
BenchRuns(reference, off, on);
Console.WriteLine($"records written by the sink-on copy: {Directory.GetFiles(folder).Sum(f => File.ReadLines(f).LongCount())}");
Directory.Delete(folder, recursive: true);
return 0;

static Assembly Load(string name, string path) => new AssemblyLoadContext(name).LoadFromAssemblyPath(path);

static void Report(string what, string a, string b, Comparison comparison) => Console.WriteLine(string.Create(
    CultureInfo.InvariantCulture,
    $"{what}: {a} {comparison.Baseline.Median / 1000:0.###} µs, {b} {comparison.Candidate.Median / 1000:0.###} µs per call; change {comparison.Change * 100:+0.0;-0.0} % [{comparison.ChangeInterval.Lower * 100:+0.0;-0.0}, {comparison.ChangeInterval.Upper * 100:+0.0;-0.0}] {comparison.Verdict}"));

// Allocations.AssertNone(() => { }, null) of the given build, as a direct call (no reflection per call).
static Action AssertNone(Assembly build)
{
    var method = build.GetType("Meridian.Perf.Allocations")!.GetMethods().Single(m => m.Name == "AssertNone" && !m.IsGenericMethod && m.GetParameters() is [{ ParameterType: var p }, _] && p == typeof(Action));
    Action empty = static () => { };
    var call = Expression.Call(method, Expression.Constant(empty), Expression.Constant(null, method.GetParameters()[1].ParameterType));
    return Expression.Lambda<Action>(Expression.Block(typeof(void), call)).Compile();
}

// TestBodyAllocations.AssertWithinBudget(settings, instance, FakeTest.Body, []) of the given build. This sample's own
// assembly is loaded into the build's context too, so its settings class implements that build's IZeroAllocSettings.
static Action ZeroAlloc(Assembly build)
{
    var context = AssemblyLoadContext.GetLoadContext(build)!;
    var self = context == AssemblyLoadContext.Default ? typeof(ZeroAllocDefaults).Assembly : context.Assemblies.FirstOrDefault(a => a.GetName().Name == typeof(ZeroAllocDefaults).Assembly.GetName().Name) ?? context.LoadFromAssemblyPath(typeof(ZeroAllocDefaults).Assembly.Location);
    var settingsType = build.GetType("Meridian.Perf.Testing.IZeroAllocSettings")!;
    object settings = Activator.CreateInstance(self.GetType(typeof(ZeroAllocDefaults).FullName!)!)!;
    var testType = self.GetType(typeof(FakeTest).FullName!)!;
    var method = build.GetType("Meridian.Perf.Testing.TestBodyAllocations")!.GetMethods().Single(m => m.Name == "AssertWithinBudget" && m.GetParameters().Length == 4);
    var call = Expression.Call(method, Expression.Constant(settings, settingsType), Expression.Constant(Activator.CreateInstance(testType), typeof(object)), Expression.Constant(testType.GetMethod(nameof(FakeTest.Body))), Expression.Constant(Array.Empty<object?>(), typeof(object[])));
    return Expression.Lambda<Action>(Expression.Block(typeof(void), call)).Compile();
}

// Bench.Run of a 1 000-step chain in each build, interleaved: the hook sits after the measuring loop, so the figures
// it reports and the time it takes must not move.
static void BenchRuns(Assembly reference, Assembly off, Assembly on)
{
    var runs = new Dictionary<string, (List<double> Median, List<double> Wall)> { ["reference"] = ([], []), ["sink off"] = ([], []), ["sink on"] = ([], []) };
    var builds = new[] { ("reference", reference), ("sink off", off), ("sink on", on) };
    var bodies = builds.Select(b => (b.Item1, Run: BenchRun(b.Item2))).ToList();
    for (int round = 0; round < 6; round++)
    {
        foreach (var (name, run) in round % 2 == 0 ? bodies : Enumerable.Reverse(bodies))
        {
            var start = System.Diagnostics.Stopwatch.GetTimestamp();
            double median = run();
            runs[name].Median.Add(median);
            runs[name].Wall.Add(System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
    }

    foreach (var (name, (median, wall)) in runs)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Bench.Run(1 000-step chain), {name}: median of 6 runs' medians {Median(median):0.#} ns/op (runs {string.Join(", ", median.Select(m => m.ToString("0", CultureInfo.InvariantCulture)))}), wall {Median(wall):0} ms per Bench.Run"));
    }
}

static Func<double> BenchRun(Assembly build)
{
    var benchType = build.GetType("Meridian.Perf.Bench")!;
    var method = benchType.GetMethods().Single(m => m.Name == "Run" && !m.IsGenericMethod);
    var optionsType = method.GetParameters()[1].ParameterType;
    Action body = static () => BlackBox.Consume(Chain(1000));
    var call = Expression.Call(method, Expression.Constant(body), Expression.Constant(null, optionsType));
    var median = Expression.Property(call, "MedianNanoseconds");
    return Expression.Lambda<Func<double>>(median).Compile();
}

static long Chain(int steps)
{
    long hash = 17;
    for (int i = 0; i < steps; i++)
    {
        hash = (hash * 31) + i;
    }

    return hash;
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}
