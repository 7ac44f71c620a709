using System.Globalization;
using Meridian.Perf.RunToRun;

// Run-to-run measurements (see the project file). Modes:
//   probe <body> [seconds]   time per call in 100 ms windows from a cold start, beside the JIT's activity
//   steady <body>            first Bench.Run against the same body's after 3 s more warm-up
//   settle <body> [seconds]  when a body's speed settles from a cold start, and how long the JIT was quiet before that
//   baselines <dir> [records] [checks] [trials]   stored baselines across fresh processes (A/A, 2x, 1.3x, +24 B)
//   soak-kill <dir> [cycles]  kill -9 a recorder at random moments, check the file after every cycle
//   soak-race <dir> [rounds]  8 processes record one key at once, every round
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
    case "baselines":
        BaselineTrials.Drive(args[1], Arg(2, 5), Arg(3, 12), Arg(4, 3));
        break;
    case "baseline-child":
        BaselineTrials.Child(args[1], args[2]);
        break;
    case "soak-kill":
        BaselineSoak.KillCycles(args[1], Arg(2, 100));
        break;
    case "soak-race":
        BaselineSoak.Races(args[1], Arg(2, 10));
        break;
    case "soak-recorder":
        BaselineSoak.Recorder(args[1], args[2]);
        break;
    default:
        Console.Error.WriteLine($"unknown mode '{mode}'");
        return 2;
}

return 0;

int Arg(int index, int fallback) => args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : fallback;
