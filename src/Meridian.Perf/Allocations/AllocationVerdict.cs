using System.Globalization;
using System.Text;

namespace Meridian.Perf;

/// <summary>Turns an <see cref="AllocationReport"/> into a pass or an <see cref="AllocationAssertionException"/> with a message that explains itself.</summary>
internal static class AllocationVerdict
{
    /// <summary>Whether the report fails the budget for being over it (not for being unreliable): the case in which culprits are worth sampling.</summary>
    public static bool IsOverBudget(long budgetBytesPerCall, AllocationReport report) =>
        report.IsReliable && report.BytesPerCall > budgetBytesPerCall;

    public static AllocationReport Check(long budgetBytesPerCall, AllocationReport report, AllocationCulprits.Sampling? culprits = null)
    {
        if (!report.IsReliable)
        {
            throw new AllocationAssertionException(UnreliableMessage(budgetBytesPerCall, report), report);
        }

        if (report.BytesPerCall > budgetBytesPerCall)
        {
            throw new AllocationAssertionException(OverBudgetMessage(budgetBytesPerCall, report, culprits), report)
            {
                SampledAllocations = culprits?.Report,
            };
        }

        return report;
    }

    internal static string OverBudgetMessage(long budget, AllocationReport report, AllocationCulprits.Sampling? culprits = null)
    {
        var text = new StringBuilder();
        text.Append(Expectation(budget))
            .Append(", but the body allocated ")
            .Append(ByteText.Format(report.BytesPerCall!.Value))
            .Append(" per call (")
            .Append(report.DescribeMethod())
            .Append("; every window over budget).")
            .AppendLine();
        if (report.WindowBytesPerCall.Distinct().Count() > 1)
        {
            text.Append("Windows (B per call): ").Append(ByteText.FormatList(report.WindowBytesPerCall)).AppendLine(".");
        }

        if (culprits is { } sampling)
        {
            text.AppendLine(AllocationCulprits.Describe(sampling, report.MeasuredRegionsOnly));
        }

        AppendMode(text, report);
        return text.ToString().TrimEnd();
    }

    internal static string UnreliableMessage(long budget, AllocationReport report)
    {
        var text = new StringBuilder();
        text.Append(Expectation(budget))
            .Append(", but the measurement is unreliable: ")
            .Append(report.UnreliableReason)
            .Append(". No number is reported rather than a wrong one (")
            .Append(report.DescribeMethod())
            .Append(").")
            .AppendLine();
        text.AppendLine(
            "Keep the measured work on the calling thread: avoid ConfigureAwait(false), Task.Run and thread-pool callbacks inside the body, " +
            "or measure process-wide with ProcessAllocationScope.");
        AppendMode(text, report);
        return text.ToString().TrimEnd();
    }

    private static string Expectation(long budget) => budget == 0
        ? "Expected no allocations"
        : string.Create(CultureInfo.InvariantCulture, $"Expected at most {budget} B per call");

    private static void AppendMode(StringBuilder text, AllocationReport report) =>
        text.Append(report.Mode.CodeDescription)
            .Append('.')
            .Append(report.Mode.ConcurrentGc ? " Concurrent GC on." : string.Empty)
            .Append(" Allocations on other threads are not counted.")
            .AppendLine();
}
