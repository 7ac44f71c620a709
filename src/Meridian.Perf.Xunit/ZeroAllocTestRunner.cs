using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Meridian.Perf.Xunit;

/// <summary>xunit's test runner with <see cref="ZeroAllocTestInvoker"/>; [ZeroAlloc]'s guard attribute is taken out of the before/after list, since this pipeline honours it.</summary>
internal sealed class ZeroAllocTestRunner(
    ITest test,
    IMessageBus messageBus,
    Type testClass,
    object[] constructorArguments,
    MethodInfo testMethod,
    object[] testMethodArguments,
    string skipReason,
    IReadOnlyList<BeforeAfterTestAttribute> beforeAfterAttributes,
    ExceptionAggregator aggregator,
    CancellationTokenSource cancellationTokenSource)
    : XunitTestRunner(test, messageBus, testClass, constructorArguments, testMethod, testMethodArguments, skipReason, WithoutGuard(beforeAfterAttributes), aggregator, cancellationTokenSource)
{
    protected override Task<decimal> InvokeTestMethodAsync(ExceptionAggregator aggregator) =>
        new ZeroAllocTestInvoker(Test, MessageBus, TestClass, ConstructorArguments, TestMethod, TestMethodArguments, BeforeAfterAttributes, aggregator, CancellationTokenSource).RunAsync();

    private static List<BeforeAfterTestAttribute> WithoutGuard(IReadOnlyList<BeforeAfterTestAttribute> attributes) =>
        attributes.Where(attribute => attribute is not ZeroAllocAttribute).ToList();
}
