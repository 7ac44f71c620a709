using System.Diagnostics;
using Meridian.Perf.Testing;
using NUnit.Framework;
using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;
using NUnit.Framework.Internal.Commands;

namespace Meridian.Perf.NUnit;

/// <summary>Runs the test method as NUnit would, then, only if it passed, measures its body (NUnit's MaxTimeCommand pattern: only downgrade a pass).</summary>
internal sealed class ZeroAllocCommand(TestCommand innerCommand, IZeroAllocSettings settings) : DelegatingTestCommand(innerCommand)
{
    // The package is built against NUnit 3.13.3, which has no test cancellation token; NUnit 4 and later set one under [CancelAfter].
    private static readonly Func<TestExecutionContext, CancellationToken>? s_cancellationToken =
        typeof(TestExecutionContext).GetProperty("CancellationToken")?.GetMethod?.CreateDelegate<Func<TestExecutionContext, CancellationToken>>();

    public override TestResult Execute(TestExecutionContext context)
    {
        try
        {
            context.CurrentResult = innerCommand.Execute(context);
        }
        catch (Exception ending)
        {
            // NUnit ends tests with exceptions (Assert.Pass, Assert.Ignore, Assert.Inconclusive): record it as NUnit's own
            // SetUp/TearDown command would, so that a pass by Assert.Pass() is measured like any other pass.
            context.CurrentResult.RecordException(ending);
        }

        var result = context.CurrentResult;
        if (context.CurrentTest.Method is not { } method)
        {
            return result;
        }

        if (result.ResultState.Status == TestStatus.Warning)
        {
            SayWhyNotMeasured(result, $"[ZeroAlloc] did not measure {method.Name}: it ended with a warning, and only a test that passed is measured.");
            return result;
        }

        if (result.ResultState.Status != TestStatus.Passed)
        {
            return result;
        }

        long measuringStarted = Stopwatch.GetTimestamp();
        try
        {
            TestBodyAllocations.AssertWithinBudget(settings, new TestBodyCall(method.MethodInfo)
            {
                TestClassInstance = context.TestObject,
                Arguments = context.CurrentTest.Arguments,
                Cancellation = s_cancellationToken?.Invoke(context) ?? CancellationToken.None,
                EndsAsPassed = static error => error is SuccessException,
            });
        }
        catch (AllocationAssertionException failure)
        {
            // Recorded as an assertion, not only as the result's state: [Repeat] rebuilds the result from assertions.
            result.RecordAssertion(AssertionStatus.Failed, failure.Message, failure.StackTrace);
            result.RecordTestCompletion();
        }
        finally
        {
            // [MaxTime] judges the test's own run: the re-calls for measuring are taken off its clock (and so off the reported duration).
            if (context.CurrentTest.Properties.ContainsKey(PropertyNames.MaxTime))
            {
                context.StartTicks += Stopwatch.GetTimestamp() - measuringStarted;
            }
        }

        return result;
    }

    private static void SayWhyNotMeasured(TestResult result, string reason)
    {
        if (result.AssertionResults.Count > 0)
        {
            result.RecordAssertion(AssertionStatus.Warning, reason);
            result.RecordTestCompletion();
        }
        else
        {
            result.SetResult(result.ResultState, string.IsNullOrEmpty(result.Message) ? reason : result.Message + Environment.NewLine + reason, result.StackTrace);
        }
    }
}
