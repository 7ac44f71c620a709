using Xunit.Abstractions;
using Xunit.Sdk;

namespace Meridian.Perf.Xunit;

/// <summary>
/// Discovers <see cref="ZeroAllocTheoryAttribute"/> tests (and, under <see cref="ZeroAllocTestFramework"/>,
/// <c>[Theory, ZeroAlloc]</c> ones): a <see cref="ZeroAllocTestCase"/> per serializable data row, or one
/// <see cref="ZeroAllocTheoryTestCase"/> that enumerates the data when it runs.
/// </summary>
/// <param name="diagnosticMessageSink">xunit's diagnostic sink.</param>
public sealed class ZeroAllocTheoryDiscoverer(IMessageSink diagnosticMessageSink) : TheoryDiscoverer(diagnosticMessageSink)
{
    /// <inheritdoc/>
    protected override IEnumerable<IXunitTestCase> CreateTestCasesForDataRow(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo theoryAttribute, object[] dataRow) =>
        [new ZeroAllocTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, dataRow)];

    /// <inheritdoc/>
    protected override IEnumerable<IXunitTestCase> CreateTestCasesForTheory(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo theoryAttribute) =>
        [new ZeroAllocTheoryTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod)];
}
