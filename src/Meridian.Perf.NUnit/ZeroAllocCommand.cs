using Meridian.Perf.Testing;
using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;
using NUnit.Framework.Internal.Commands;

namespace Meridian.Perf.NUnit;

/// <summary>Runs the test method as NUnit would, then, only if it passed, measures its body (NUnit's MaxTimeCommand pattern: only downgrade a pass).</summary>
internal sealed class ZeroAllocCommand(TestCommand innerCommand, IZeroAllocSettings settings) : DelegatingTestCommand(innerCommand)
{
    public override TestResult Execute(TestExecutionContext context)
    {
        context.CurrentResult = innerCommand.Execute(context);
        if (context.CurrentResult.ResultState.Status != TestStatus.Passed || context.CurrentTest.Method is not { } method)
        {
            return context.CurrentResult;
        }

        try
        {
            TestBodyAllocations.AssertWithinBudget(settings, context.TestObject, method.MethodInfo, context.CurrentTest.Arguments);
        }
        catch (AllocationAssertionException failure)
        {
            context.CurrentResult.SetResult(ResultState.Failure, failure.Message, failure.StackTrace);
        }

        return context.CurrentResult;
    }
}
