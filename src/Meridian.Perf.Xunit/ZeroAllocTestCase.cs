using System.ComponentModel;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Meridian.Perf.Xunit;

/// <summary>A fact, or one data row of a theory, whose body is measured after it passed.</summary>
public sealed class ZeroAllocTestCase : XunitTestCase
{
    /// <summary>Initializes a new instance for xunit's deserializer.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public ZeroAllocTestCase()
    {
    }

    /// <summary>Initializes a new instance.</summary>
    /// <param name="diagnosticMessageSink">xunit's diagnostic sink.</param>
    /// <param name="defaultMethodDisplay">How test names are displayed.</param>
    /// <param name="defaultMethodDisplayOptions">Further display options.</param>
    /// <param name="testMethod">The test method.</param>
    /// <param name="testMethodArguments">The data row, for a theory.</param>
    public ZeroAllocTestCase(
        IMessageSink diagnosticMessageSink,
        TestMethodDisplay defaultMethodDisplay,
        TestMethodDisplayOptions defaultMethodDisplayOptions,
        ITestMethod testMethod,
        object[]? testMethodArguments = null)
        : base(diagnosticMessageSink, defaultMethodDisplay, defaultMethodDisplayOptions, testMethod, testMethodArguments)
    {
    }

    /// <inheritdoc/>
    public override Task<RunSummary> RunAsync(
        IMessageSink diagnosticMessageSink,
        IMessageBus messageBus,
        object[] constructorArguments,
        ExceptionAggregator aggregator,
        CancellationTokenSource cancellationTokenSource) =>
        new ZeroAllocTestCaseRunner(this, DisplayName, SkipReason, constructorArguments, TestMethodArguments, messageBus, aggregator, cancellationTokenSource).RunAsync();
}
