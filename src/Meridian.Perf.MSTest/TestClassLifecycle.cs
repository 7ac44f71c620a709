using System.Reflection;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Meridian.Perf.MSTest;

/// <summary>
/// A test-class instance prepared for measuring, the way MSTest prepares one for a test: the constructor (parameterless,
/// or taking the <see cref="TestContext"/>), the <c>TestContext</c> property, then <c>[TestInitialize]</c> from the
/// base class down; disposing runs <c>[TestCleanup]</c> from the class up, then <see cref="IAsyncDisposable"/> and
/// <see cref="IDisposable"/>. None of it happens inside a measured window.
/// </summary>
internal sealed class TestClassLifecycle : IAsyncDisposable
{
    private TestClassLifecycle(object? instance, MethodInfo method)
    {
        Instance = instance;
        Method = method;
    }

    /// <summary>Gets the prepared instance; <see langword="null"/> for a static test method.</summary>
    public object? Instance { get; }

    /// <summary>Gets the test method to measure, closed over its type arguments when it is generic.</summary>
    public MethodInfo Method { get; }

    /// <summary>Creates and initializes an instance of the test's class.</summary>
    /// <exception cref="AllocationAssertionException">The class could not be prepared; the message says why.</exception>
    public static async Task<TestClassLifecycle> StartAsync(ITestMethod testMethod)
    {
        MethodInfo method = CloseGeneric(testMethod.MethodInfo, testMethod.Arguments);
        if (method.IsStatic)
        {
            return new TestClassLifecycle(null, method);
        }

        Type type = method.ReflectedType ?? method.DeclaringType!;
        TestContext? context = CurrentTestContext();
        object instance = Construct(type, method, context);
        var lifecycle = new TestClassLifecycle(instance, method);
        if (context is not null && type.GetProperty("TestContext", BindingFlags.Public | BindingFlags.Instance) is { CanWrite: true } property &&
            property.PropertyType.IsAssignableFrom(context.GetType()))
        {
            property.SetValue(instance, context);
        }

        foreach (Type level in Hierarchy(type).Reverse())
        {
            foreach (MethodInfo initialize in Marked<TestInitializeAttribute>(level))
            {
                await lifecycle.RunAsync(initialize, "[TestInitialize]").ConfigureAwait(false);
            }
        }

        return lifecycle;
    }

    /// <summary>Runs <c>[TestCleanup]</c> and disposes the instance.</summary>
    /// <exception cref="AllocationAssertionException">A cleanup method or Dispose threw.</exception>
    public async ValueTask DisposeAsync()
    {
        if (Instance is null)
        {
            return;
        }

        foreach (Type level in Hierarchy(Instance.GetType()))
        {
            foreach (MethodInfo cleanup in Marked<TestCleanupAttribute>(level))
            {
                await RunAsync(cleanup, "[TestCleanup]").ConfigureAwait(false);
            }
        }

        try
        {
            if (Instance is IAsyncDisposable asyncDisposable)
            {
                await asyncDisposable.DisposeAsync().ConfigureAwait(false);
            }

            if (Instance is IDisposable disposable)
            {
                disposable.Dispose();
            }
        }
        catch (Exception error)
        {
            throw CouldNotMeasure(Method, $"disposing the test class threw {error.GetType().Name} ({error.Message})", error);
        }
    }

    private async Task RunAsync(MethodInfo fixtureMethod, string role)
    {
        try
        {
            object? returned = fixtureMethod.Invoke(Instance, null);
            if (returned is Task task)
            {
                await task.ConfigureAwait(false);
            }
            else if (returned is ValueTask valueTask)
            {
                await valueTask.ConfigureAwait(false);
            }
        }
        catch (Exception error)
        {
            Exception cause = error is TargetInvocationException { InnerException: { } inner } ? inner : error;
            throw CouldNotMeasure(Method, $"{role} {fixtureMethod.Name} threw {cause.GetType().Name} when run again for the measurement ({cause.Message})", cause);
        }
    }

    private static object Construct(Type type, MethodInfo method, TestContext? context)
    {
        try
        {
            if (type.GetConstructor(Type.EmptyTypes) is { } parameterless)
            {
                return parameterless.Invoke(null);
            }

            if (type.GetConstructor([typeof(TestContext)]) is { } withContext)
            {
                return context is not null
                    ? withContext.Invoke([context])
                    : throw CouldNotMeasure(method, $"{type.Name}'s constructor takes a TestContext, and this MSTest version gives no way to reach the current one (TestContext.Current exists from MSTest 4.1 on)", null);
            }
        }
        catch (TargetInvocationException error) when (error.InnerException is { } cause)
        {
            throw CouldNotMeasure(method, $"constructing {type.Name} again threw {cause.GetType().Name} ({cause.Message})", cause);
        }

        throw CouldNotMeasure(method, $"{type.Name} has neither a public parameterless constructor nor one that takes a TestContext", null);
    }

    // TestContext.Current: a static property MSTest added after 4.0; read by reflection so that 4.0 is supported too.
    private static TestContext? CurrentTestContext() =>
        typeof(TestContext).GetProperty("Current", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as TestContext;

    // A generic test method MSTest has not closed: infer each type argument from an argument passed straight to a
    // parameter of that type (MSTest's own rule for [DataRow] on generic methods); otherwise core reports it as generic.
    private static MethodInfo CloseGeneric(MethodInfo method, object?[]? arguments)
    {
        if (!method.ContainsGenericParameters || arguments is null)
        {
            return method;
        }

        Type[] generic = method.GetGenericArguments();
        var inferred = new Type?[generic.Length];
        ParameterInfo[] parameters = method.GetParameters();
        for (int i = 0; i < parameters.Length && i < arguments.Length; i++)
        {
            if (parameters[i].ParameterType.IsGenericMethodParameter && arguments[i] is { } argument)
            {
                inferred[parameters[i].ParameterType.GenericParameterPosition] ??= argument.GetType();
            }
        }

        return Array.TrueForAll(inferred, t => t is not null) ? method.MakeGenericMethod(inferred!) : method;
    }

    private static IEnumerable<Type> Hierarchy(Type type)
    {
        for (Type? level = type; level is not null && level != typeof(object); level = level.BaseType)
        {
            yield return level;
        }
    }

    private static IEnumerable<MethodInfo> Marked<TAttribute>(Type level)
        where TAttribute : Attribute =>
        level.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => m.IsDefined(typeof(TAttribute), inherit: false) && m.GetParameters().Length == 0);

    private static AllocationAssertionException CouldNotMeasure(MethodInfo method, string why, Exception? inner)
    {
        string message = $"[ZeroAllocTestMethod] could not measure {method.Name}: the test passed when run once, but {why}.";
        return inner is null ? new AllocationAssertionException(message) : new AllocationAssertionException(message, inner);
    }
}
