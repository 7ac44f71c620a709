using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace Meridian.Telemetry.Audit;

/// <summary>
/// Where the audit's progress and summary go. In a terminal: Spectre.Console's progress bars and tables. Anywhere else
/// (a CI log, a file, a pipe, or <c>CI=true</c>): one line per phase as it starts and ends, and the summary as a
/// Markdown table of any width, so nothing wraps at 80 columns or repaints.
/// </summary>
internal abstract class AuditOutput
{
    public static AuditOutput ForThisConsole()
    {
        bool ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        return !ci && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive ? new Terminal() : new Log();
    }

    /// <summary>Runs <paramref name="body"/>, which reports through the <see cref="IProgress"/> it is given.</summary>
    public abstract void Run(IAuditPhase[] phases, Action<IProgress> body);

    public abstract void WriteSections(IEnumerable<AuditSection> sections);

    public abstract void WriteSummary(Table table, string markdown);

    public abstract void WriteLine(string text);

    /// <summary>The progress of one audit run.</summary>
    public interface IProgress
    {
        void Prepared();

        AuditSection RunPhase(IAuditPhase phase, Func<Action, AuditSection> run);
    }

    private sealed class Terminal : AuditOutput
    {
        public override void Run(IAuditPhase[] phases, Action<IProgress> body) =>
            AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
                .Start(context =>
                {
                    var prepare = context.AddTask("Generating the capture, checking the outputs agree", maxValue: 1);
                    var tasks = phases.ToDictionary(p => p, p => context.AddTask(p.Title, autoStart: false, maxValue: p.Steps));
                    body(new TerminalProgress(prepare, tasks));
                });

        public override void WriteSections(IEnumerable<AuditSection> sections)
        {
            foreach (var section in sections.Where(s => s.Console is not null))
            {
                AnsiConsole.Write(section.Console!);
            }
        }

        public override void WriteSummary(Table table, string markdown) => AnsiConsole.Write(table);

        public override void WriteLine(string text) => AnsiConsole.WriteLine(text);

        private sealed class TerminalProgress(ProgressTask prepare, Dictionary<IAuditPhase, ProgressTask> tasks) : IProgress
        {
            public void Prepared() => prepare.Increment(1);

            public AuditSection RunPhase(IAuditPhase phase, Func<Action, AuditSection> run)
            {
                var task = tasks[phase];
                task.StartTask();
                var section = run(() => task.Increment(1));
                task.StopTask();
                return section;
            }
        }
    }

    private sealed class Log : AuditOutput
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();

        public override void Run(IAuditPhase[] phases, Action<IProgress> body)
        {
            Stamp($"Meridian.Telemetry audit: generating the capture, checking the outputs agree; then {phases.Length} phases.");
            body(new LogProgress(this, phases.Length));
        }

        public override void WriteSections(IEnumerable<AuditSection> sections)
        {
        }

        public override void WriteSummary(Table table, string markdown)
        {
            Console.WriteLine();
            Console.Write(markdown);
        }

        public override void WriteLine(string text) => Console.WriteLine(text);

        private void Stamp(string text) =>
            Console.WriteLine($"[{_clock.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture),5} s] {text}");

        private sealed class LogProgress(Log log, int count) : IProgress
        {
            private int _done;

            public void Prepared() => log.Stamp("capture ready.");

            public AuditSection RunPhase(IAuditPhase phase, Func<Action, AuditSection> run)
            {
                int number = ++_done;
                log.Stamp($"{number}/{count} {phase.Title}: {phase.Steps} steps ...");
                var start = Stopwatch.GetTimestamp();
                var section = run(() => { });
                log.Stamp($"{number}/{count} {phase.Title}: done in {Stopwatch.GetElapsedTime(start).TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s.");
                return section;
            }
        }
    }
}
