using System.Globalization;
using Meridian.Perf.RunToRun;

// Run-to-run measurements (see the project file). Modes:
//   probe <body> [seconds]   time per call in 100 ms windows from a cold start, beside the JIT's activity
//   steady <body>            first Bench.Run against the same body's after 3 s more warm-up
string mode = args.Length > 0 ? args[0] : "probe";
switch (mode)
{
    case "probe":
        SteadyStateProbe.Probe(args[1], args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 5);
        break;
    case "settle":
        SteadyStateProbe.Settle(args[1], args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 3);
        break;
    case "steady":
        SteadyStateProbe.Steady(args[1]);
        break;
    default:
        Console.Error.WriteLine($"unknown mode '{mode}'");
        return 2;
}

return 0;
