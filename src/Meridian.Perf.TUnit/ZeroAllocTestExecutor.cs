using System.Reflection;
using Meridian.Perf.Testing;
using TUnit.Core;
using TUnit.Core.Interfaces;

namespace Meridian.Perf.TUnit;

/// <summary>
/// Runs the test body once through the executor the test had (or directly), then, when it completed without an
/// exception, measures it with core's rules; an over-budget body throws, which is how TUnit fails a test.
/// </summary>
internal sealed class ZeroAllocTestExecutor(IZeroAllocSettings settings, ITestExecutor? inner) : ITestExecutor
{
    private const string MeasuredKey = "Meridian.Perf.TUnit.ZeroAlloc.Measured";

    public static bool WasMeasured(TestContext context) => context.StateBag.Items.ContainsKey(MeasuredKey);

    public async ValueTask ExecuteTest(TestContext context, Func<ValueTask> action)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(action);
        if (inner is null)
        {
            await action().ConfigureAwait(false);
        }
        else
        {
            await inner.ExecuteTest(context, action).ConfigureAwait(false);
        }

        // Only reached when the body completed without an exception (a failed assertion, a skip and a cancellation all
        // throw): only a pass is measured, and the verdict can only turn it into a failure.
        context.StateBag.Items[MeasuredKey] = true;
        TestDetails details = context.Metadata.TestDetails;
        MethodInfo method = FindMethod(details);
        // TUnit passes the test's CancellationToken to a last parameter of that type; it is not among the data arguments,
        // and core passes Cancellation for it. A token cancelled while measuring (the test's [Timeout]) gives no verdict.
        TestBodyAllocations.AssertWithinBudget(settings, new TestBodyCall(method)
        {
            TestClassInstance = method.IsStatic ? null : details.ClassInstance,
            Arguments = PackParams(method, details.TestMethodArguments),
            Cancellation = context.Execution.CancellationToken,
        });
    }

    // TUnit's source-generated mode gives the method's name and parameter types, not a MethodInfo. A generic test method
    // is closed over TUnit's type arguments, or else over its arguments' types (TUnit infers them from [Arguments] so).
    private static MethodInfo FindMethod(TestDetails details)
    {
        const BindingFlags Any = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static;
        Type[] parameterTypes = Array.ConvertAll(details.MethodMetadata.Parameters, p => p.Type);
        Type type = details.ClassInstance?.GetType() ?? details.ClassType;
        MethodInfo? method = details.MethodGenericArguments is { Length: > 0 } ? null : type.GetMethod(details.MethodName, Any, parameterTypes);
        if (method is null)
        {
            foreach (MethodInfo candidate in type.GetMethods(Any))
            {
                if (candidate.Name == details.MethodName && candidate.IsGenericMethodDefinition &&
                    candidate.GetParameters().Length == parameterTypes.Length &&
                    Close(candidate, details) is { } closed)
                {
                    method = closed;
                    break;
                }
            }
        }

        return method ?? throw new AllocationAssertionException(
            $"[ZeroAlloc] could not measure {details.MethodName}: the test passed, but its method was not found on {type.Name} by name and parameter types.");
    }

    // TUnit passes a params array's elements as separate arguments ([Arguments(1, 2, 3)] for params int[]): pack them.
    private static object?[] PackParams(MethodInfo method, object?[] arguments)
    {
        ParameterInfo[] parameters = method.GetParameters();
        if (parameters.Length == 0 || !parameters[^1].IsDefined(typeof(ParamArrayAttribute), inherit: false) || arguments.Length < parameters.Length - 1)
        {
            return arguments;
        }

        Type arrayType = parameters[^1].ParameterType;
        int first = parameters.Length - 1;
        if (arguments.Length == parameters.Length && (arguments[first] is null || arrayType.IsInstanceOfType(arguments[first])))
        {
            return arguments;
        }

        var packed = Array.CreateInstance(arrayType.GetElementType()!, arguments.Length - first);
        Array.Copy(arguments, first, packed, 0, packed.Length);
        return [.. arguments[..first], packed];
    }

    private static MethodInfo? Close(MethodInfo definition, TestDetails details)
    {
        Type[] generic = definition.GetGenericArguments();
        if (details.MethodGenericArguments is { Length: > 0 } given)
        {
            return given.Length == generic.Length ? definition.MakeGenericMethod(given) : null;
        }

        var inferred = new Type?[generic.Length];
        ParameterInfo[] parameters = definition.GetParameters();
        object?[] arguments = details.TestMethodArguments;
        for (int i = 0; i < parameters.Length && i < arguments.Length; i++)
        {
            if (parameters[i].ParameterType.IsGenericMethodParameter && arguments[i] is { } argument)
            {
                inferred[parameters[i].ParameterType.GenericParameterPosition] ??= argument.GetType();
            }
        }

        return Array.TrueForAll(inferred, t => t is not null) ? definition.MakeGenericMethod(inferred!) : null;
    }
}
