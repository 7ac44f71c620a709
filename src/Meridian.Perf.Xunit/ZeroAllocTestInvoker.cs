using System.Reflection;
using Meridian.Perf.Testing;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Meridian.Perf.Xunit;

/// <summary>
/// Invokes the test method as xunit does, then, only if it passed, measures its body on the same instance with the
/// same arguments (core's <see cref="TestBodyAllocations"/>). A failure goes into xunit's aggregator, so it is reported
/// like any other test failure, and the measuring time is part of the test's duration (xunit reports its invoker's
/// timer, not the value <see cref="InvokeTestMethodAsync"/> returns).
/// </summary>
internal sealed class ZeroAllocTestInvoker(
    ITest test,
    IMessageBus messageBus,
    Type testClass,
    object[] constructorArguments,
    MethodInfo testMethod,
    object[] testMethodArguments,
    IReadOnlyList<BeforeAfterTestAttribute> beforeAfterAttributes,
    ExceptionAggregator aggregator,
    CancellationTokenSource cancellationTokenSource)
    : XunitTestInvoker(test, messageBus, testClass, constructorArguments, testMethod, testMethodArguments, beforeAfterAttributes, aggregator, cancellationTokenSource)
{
    protected override async Task<decimal> InvokeTestMethodAsync(object testClassInstance)
    {
        await base.InvokeTestMethodAsync(testClassInstance).ConfigureAwait(true);
        if (Aggregator.HasExceptions || TestBodyAllocations.FindSettings(TestMethod) is not { } settings)
        {
            return Timer.Total;
        }

        var call = new TestBodyCall(TestMethod)
        {
            TestClassInstance = testClassInstance,
            Arguments = TestMethodArguments,
            Cancellation = CancellationTokenSource.Token,
        };
        Timer.Aggregate(() => Aggregator.Run(() => TestBodyAllocations.AssertWithinBudget(settings, call)));
        return Timer.Total;
    }
}
