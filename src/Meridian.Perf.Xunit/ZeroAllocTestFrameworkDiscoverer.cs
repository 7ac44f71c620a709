using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Meridian.Perf.Xunit;

/// <summary>Discovers <c>[Fact, ZeroAlloc]</c> and <c>[Theory, ZeroAlloc]</c> tests with Meridian's discoverers; every other test as xunit does.</summary>
internal sealed class ZeroAllocTestFrameworkDiscoverer(IAssemblyInfo assemblyInfo, ISourceInformationProvider sourceProvider, IMessageSink diagnosticMessageSink)
    : XunitTestFrameworkDiscoverer(assemblyInfo, sourceProvider, diagnosticMessageSink)
{
    protected override bool FindTestsForMethod(ITestMethod testMethod, bool includeSourceInformation, IMessageBus messageBus, ITestFrameworkDiscoveryOptions discoveryOptions)
    {
        var facts = testMethod.Method.GetCustomAttributes(typeof(FactAttribute)).ToList();
        if (facts.Count != 1 || !testMethod.Method.GetCustomAttributes(typeof(ZeroAllocAttribute)).Any())
        {
            return base.FindTestsForMethod(testMethod, includeSourceInformation, messageBus, discoveryOptions);
        }

        // Only xunit's own [Fact] and [Theory] are re-routed; any other fact attribute keeps its discoverer, and the
        // [ZeroAlloc] guard then fails the test with instructions instead of skipping the check.
        IXunitTestCaseDiscoverer? discoverer = (facts[0] as IReflectionAttributeInfo)?.Attribute.GetType() switch
        {
            var type when type == typeof(FactAttribute) => new ZeroAllocFactDiscoverer(DiagnosticMessageSink),
            var type when type == typeof(TheoryAttribute) => new ZeroAllocTheoryDiscoverer(DiagnosticMessageSink),
            _ => null,
        };
        if (discoverer is null)
        {
            return base.FindTestsForMethod(testMethod, includeSourceInformation, messageBus, discoveryOptions);
        }

        foreach (var testCase in discoverer.Discover(discoveryOptions, testMethod, facts[0]))
        {
            if (!ReportDiscoveredTestCase(testCase, includeSourceInformation, messageBus))
            {
                return false;
            }
        }

        return true;
    }
}
