using Meridian.Perf.Tool;

return Cli.Run(args, Console.Out, Console.Error);
