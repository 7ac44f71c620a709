using Xunit.Abstractions;
using Xunit.Sdk;

namespace Meridian.Perf.Xunit;

/// <summary>
/// xunit's own test framework, except that a <c>[Fact]</c> or <c>[Theory]</c> that also carries <see cref="ZeroAllocAttribute"/>
/// is measured after it passed. Opt in with <c>&lt;MeridianPerfTestFramework&gt;true&lt;/MeridianPerfTestFramework&gt;</c>
/// in the test project, or with <c>[assembly: Xunit.TestFramework("Meridian.Perf.Xunit.ZeroAllocTestFramework", "Meridian.Perf.Xunit")]</c>.
/// </summary>
/// <param name="messageSink">xunit's diagnostic sink.</param>
public sealed class ZeroAllocTestFramework(IMessageSink messageSink) : XunitTestFramework(messageSink)
{
    /// <inheritdoc/>
    protected override ITestFrameworkDiscoverer CreateDiscoverer(IAssemblyInfo assemblyInfo) =>
        new ZeroAllocTestFrameworkDiscoverer(assemblyInfo, SourceInformationProvider, DiagnosticMessageSink);
}
