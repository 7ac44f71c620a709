using Meridian.Perf.ResultsProbe;

// Usage: Meridian.Perf.ResultsProbe every <baseline-folder>   one measurement of every kind, then prints what it did
//        Meridian.Perf.ResultsProbe parallel <threads> <each> <threads> threads at once, <each> Allocations.Measure each
return args switch
{
    ["every", string baselines] => Scenarios.Every(baselines),
    ["parallel", string threads, string each] => Scenarios.Parallel(int.Parse(threads, System.Globalization.CultureInfo.InvariantCulture), int.Parse(each, System.Globalization.CultureInfo.InvariantCulture)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: every <baseline-folder> | parallel <threads> <each>");
    return 2;
}
