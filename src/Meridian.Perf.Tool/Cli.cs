using System.CommandLine;
using System.Globalization;
using System.Text;
using Meridian.Perf.Tool.Comparing;
using Meridian.Perf.Tool.Input;
using Meridian.Perf.Tool.Output;
using Spectre.Console;

namespace Meridian.Perf.Tool;

/// <summary>
/// The <c>meridian-perf</c> commands: <c>compare OLD NEW</c>, <c>export --format … FOLDER</c> and <c>summary FOLDER</c>.
/// Exit codes: 0 no regression, 1 a regression was found, 2 the inputs could not be used (the message says why).
/// </summary>
internal static class Cli
{
    public const int Regression = 1;
    public const int InputError = 2;

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var root = new RootCommand("Meridian.Perf results in CI: compare two result sets, export to Bencher or github-action-benchmark, summarise as Markdown.");
        root.Subcommands.Add(CompareCommand(output, error));
        root.Subcommands.Add(ExportCommand(output, error));
        root.Subcommands.Add(SummaryCommand(output, error));
        return root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
    }

    private static Command CompareCommand(TextWriter output, TextWriter error)
    {
        var old = new Argument<string>("OLD") { Description = "The reference: a results folder (MERIDIAN_PERF_RESULTS), a results file, or a BenchmarkDotNet JSON export (--exporters json) or a folder of them." };
        var @new = new Argument<string>("NEW") { Description = "The candidate, in the same forms." };
        var format = FormatOption("table", "table", "markdown", "json");
        var threshold = new Option<double>("--threshold") { Description = "The noise threshold, in percent: a timing change smaller than this is never a verdict.", DefaultValueFactory = _ => 10 };
        var alpha = new Option<double>("--alpha") { Description = "The significance level of each timing verdict.", DefaultValueFactory = _ => 0.05 };
        var failOn = new Option<string[]>("--fail-on")
        {
            Description = "What makes the exit code 1: slower, inconclusive, allocations (more bytes per operation), or none.",
            DefaultValueFactory = _ => ["slower", "allocations"],
            AllowMultipleArgumentsPerToken = true,
        };
        failOn.AcceptOnlyFromAmong("slower", "inconclusive", "allocations", "none");
        var tolerance = new Option<double>("--allocation-tolerance") { Description = "Bytes per operation an allocation may grow by before it counts (exact measurements: 0 by default).", DefaultValueFactory = _ => 0 };
        var file = OutputOption();
        var command = new Command("compare", "Compare two result sets, benchmark by benchmark (matched by name); exit 1 on a regression.") { old, @new, format, threshold, alpha, failOn, tolerance, file };
        command.SetAction(parsed => Guard(error, () =>
        {
            string[] fail = parsed.GetValue(failOn) ?? [];
            double percent = parsed.GetValue(threshold);
            double significance = parsed.GetValue(alpha);
            if (percent is < 0 or >= 100 || significance is <= 0 or >= 1)
            {
                throw new ToolInputException(string.Create(CultureInfo.InvariantCulture, $"--threshold must be in [0, 100) percent and --alpha in (0, 1); got {percent} and {significance}."));
            }

            var settings = new CompareSettings
            {
                Threshold = percent / 100,
                Alpha = significance,
                AllocationTolerance = parsed.GetValue(tolerance),
                FailOnSlower = fail.Contains("slower"),
                FailOnInconclusive = fail.Contains("inconclusive"),
                FailOnAllocations = fail.Contains("allocations"),
            };
            var result = Comparer.Compare(ResultSetLoader.Load(parsed.GetValue(old)!), ResultSetLoader.Load(parsed.GetValue(@new)!), settings);
            Emit(output, parsed.GetValue(file), parsed.GetValue(format)!, console => TableWriter.Comparison(console, result), () => MarkdownWriter.Comparison(result), stream => ComparisonJsonWriter.Write(result, stream));
            return result.Regressions > 0 ? Regression : 0;
        }));
        return command;
    }

    private static Command ExportCommand(TextWriter output, TextWriter error)
    {
        var folder = new Argument<string>("FOLDER") { Description = "A results folder, results file or BenchmarkDotNet JSON export." };
        var format = new Option<string>("--format") { Description = "bmf (Bencher: bencher run --adapter json), github-action-benchmark (tool: customSmallerIsBetter) or markdown ($GITHUB_STEP_SUMMARY).", Required = true };
        format.AcceptOnlyFromAmong("bmf", "github-action-benchmark", "markdown");
        var file = OutputOption();
        var command = new Command("export", "Write a result set in a format a continuous-benchmarking service reads.") { folder, format, file };
        command.SetAction(parsed => Guard(error, () =>
        {
            string source = parsed.GetValue(folder)!;
            var results = SeriesSummary.Of(ResultSetLoader.Load(source));
            switch (parsed.GetValue(format))
            {
                case "bmf":
                    Emit(output, parsed.GetValue(file), "json", null, null, stream => BmfWriter.Write(results, stream));
                    break;
                case "github-action-benchmark":
                    if (!results.Any(r => r.MeanNanoseconds is not null || r.BytesPerOperation is not null))
                    {
                        throw new ToolInputException($"'{source}' has no time or allocation figure to export (github-action-benchmark refuses an empty file).");
                    }

                    Emit(output, parsed.GetValue(file), "json", null, null, stream => GithubActionBenchmarkWriter.Write(results, stream));
                    break;
                default:
                    Emit(output, parsed.GetValue(file), "markdown", null, () => MarkdownWriter.Summary(source, results), null);
                    break;
            }

            return 0;
        }));
        return command;
    }

    private static Command SummaryCommand(TextWriter output, TextWriter error)
    {
        var folder = new Argument<string>("FOLDER") { Description = "A results folder, results file or BenchmarkDotNet JSON export." };
        var format = FormatOption("table", "table", "markdown");
        var file = OutputOption();
        var command = new Command("summary", "Summarise one result set (regressions first); exit 1 when it holds a failed allocation budget or a Slower verdict.") { folder, format, file };
        command.SetAction(parsed => Guard(error, () =>
        {
            string source = parsed.GetValue(folder)!;
            var results = SeriesSummary.Of(ResultSetLoader.Load(source));
            Emit(output, parsed.GetValue(file), parsed.GetValue(format)!, console => TableWriter.Summary(console, source, results), () => MarkdownWriter.Summary(source, results), null);
            return results.Any(r => r.IsRegression) ? Regression : 0;
        }));
        return command;
    }

    private static Option<string> FormatOption(string defaultFormat, params string[] formats)
    {
        var format = new Option<string>("--format") { Description = "Output format: " + string.Join(", ", formats) + ".", DefaultValueFactory = _ => defaultFormat };
        format.AcceptOnlyFromAmong(formats);
        return format;
    }

    private static Option<string?> OutputOption() => new("--output", "-o") { Description = "Write to this file instead of standard output (e.g. $GITHUB_STEP_SUMMARY; appended to for markdown)." };

    private static int Guard(TextWriter error, Func<int> action)
    {
        try
        {
            return action();
        }
        catch (ToolInputException problem)
        {
            error.WriteLine("meridian-perf: " + problem.Message);
            return InputError;
        }
    }

    private static void Emit(TextWriter output, string? file, string format, Action<IAnsiConsole>? table, Func<string>? markdown, Action<Stream>? json)
    {
        if (format == "table" && table is not null)
        {
            var writer = file is null ? output : new StringWriter(CultureInfo.InvariantCulture);
            var console = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Out = new AnsiConsoleOutput(writer),
                Ansi = file is null && ReferenceEquals(output, Console.Out) ? AnsiSupport.Detect : AnsiSupport.No,
                ColorSystem = file is null && ReferenceEquals(output, Console.Out) ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            });
            console.Profile.Width = Math.Max(console.Profile.Width, 160);
            table(console);
            if (file is not null)
            {
                File.WriteAllText(file, writer.ToString());
            }

            return;
        }

        if (format == "markdown" && markdown is not null)
        {
            string text = markdown();
            if (file is null)
            {
                output.Write(text);
            }
            else
            {
                // $GITHUB_STEP_SUMMARY is shared by every step of a job: append.
                File.AppendAllText(file, text + Environment.NewLine);
            }

            return;
        }

        using var buffer = new MemoryStream();
        json!(buffer);
        string jsonText = Encoding.UTF8.GetString(buffer.ToArray());
        if (file is null)
        {
            output.WriteLine(jsonText);
        }
        else
        {
            File.WriteAllText(file, jsonText + Environment.NewLine);
        }
    }
}
