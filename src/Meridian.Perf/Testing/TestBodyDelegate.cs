using System.Linq.Expressions;
using System.Reflection;

namespace Meridian.Perf.Testing;

/// <summary>
/// A test method bound to its instance and arguments as a compiled delegate, so that calling it allocates nothing
/// of its own. Built once per test, outside the measured window.
/// </summary>
internal abstract class TestBodyDelegate
{
    /// <summary>Measures the bound body with core's rules and checks it against <paramref name="budget"/> (culprits named on failure).</summary>
    /// <param name="budget">The allowed bytes per call.</param>
    /// <param name="options">How to measure.</param>
    /// <param name="endingRules">The framework's passing exceptions and cancellation token, applied to every call.</param>
    public abstract AllocationReport AssertAtMost(long budget, AllocationOptions options, TestEndingRules endingRules);

    /// <summary>Binds <paramref name="method"/>; a trailing <see cref="CancellationToken"/> parameter left without an argument gets <paramref name="cancellation"/>.</summary>
    public static TestBodyDelegate Create(object? instance, MethodInfo method, object?[]? arguments, CancellationToken cancellation)
    {
        if (method.ContainsGenericParameters)
        {
            throw new ArgumentException($"The test method {method.Name} is generic and not closed over its type arguments; pass the constructed method.", nameof(method));
        }

        if (method.ReturnType == typeof(void) && method.IsDefined(typeof(System.Runtime.CompilerServices.AsyncStateMachineAttribute), inherit: false))
        {
            throw new ArgumentException(
                $"The test method {method.Name} is async void, so a call cannot be awaited and the work after its first await would run unseen, on whatever thread resumes it. Return Task instead.",
                nameof(method));
        }

        // A static test method has no instance, whatever the framework hands over (NUnit passes its fixture object).
        if (method.IsStatic)
        {
            instance = null;
        }
        else
        {
            ArgumentNullException.ThrowIfNull(instance);
        }

        var parameters = method.GetParameters();
        arguments ??= [];
        if (arguments.Length == parameters.Length - 1 && parameters[^1].ParameterType == typeof(CancellationToken))
        {
            // Frameworks that fill in a trailing token themselves (NUnit, TUnit) do not list it among the arguments.
            arguments = [.. arguments, cancellation];
        }

        if (arguments.Length == 0 && parameters.Length == 0)
        {
            return CreateWithoutArguments(instance, method);
        }

        return TryBindArguments(instance, method, parameters, arguments) ?? CreateWithArguments(instance, method, parameters, arguments);
    }

    // No arguments: bind the method directly to its instance, the cheapest delegate there is (no code generation).
    private static TestBodyDelegate CreateWithoutArguments(object? instance, MethodInfo method)
    {
        var returnType = method.ReturnType;
        if (returnType == typeof(void))
        {
            return new DelegateActionBody(method.CreateDelegate<Action>(instance));
        }

        if (typeof(Task).IsAssignableFrom(returnType))
        {
            return new DelegateTaskBody(method.CreateDelegate<Func<Task>>(instance));
        }

        return CreateWithArguments(instance, method, [], []);
    }

    // The common theory shapes (1 to 3 arguments, void or Task) are bound without code generation: a delegate to the
    // method plus the typed arguments in a small generic object. Expression.Compile costs ~20-30 ms the first time a
    // process uses it; this path costs a fraction of a millisecond.
    private static TestBodyDelegate? TryBindArguments(object? instance, MethodInfo method, ParameterInfo[] parameters, object?[] arguments)
    {
        if (parameters.Length is 0 or > 3 || arguments.Length != parameters.Length)
        {
            return null;
        }

        var types = new Type[parameters.Length];
        for (int i = 0; i < parameters.Length; i++)
        {
            types[i] = parameters[i].ParameterType;
            bool fits = arguments[i] is null ? !types[i].IsValueType || Nullable.GetUnderlyingType(types[i]) is not null : types[i].IsInstanceOfType(arguments[i]);
            if (types[i].IsByRef || types[i].IsPointer || types[i].IsByRefLike || !fits)
            {
                return null;
            }
        }

        bool isVoid = method.ReturnType == typeof(void);
        if (!isVoid && !typeof(Task).IsAssignableFrom(method.ReturnType))
        {
            return null;
        }

        var delegateType = isVoid
            ? Expression.GetActionType(types)
            : Expression.GetFuncType([.. types, typeof(Task)]);
        var boundType = (isVoid, types.Length) switch
        {
            (true, 1) => typeof(BoundAction<>),
            (true, 2) => typeof(BoundAction<,>),
            (true, _) => typeof(BoundAction<,,>),
            (false, 1) => typeof(BoundTask<>),
            (false, 2) => typeof(BoundTask<,>),
            (false, _) => typeof(BoundTask<,,>),
        };
        var target = method.CreateDelegate(delegateType, method.IsStatic ? null : instance);
        return (TestBodyDelegate)boundType.MakeGenericType(types).GetConstructors()[0].Invoke([target, .. arguments]);
    }

    private static TestBodyDelegate CreateWithArguments(object? instance, MethodInfo method, ParameterInfo[] parameters, object?[] arguments)
    {
        var target = method.IsStatic ? null : Expression.Constant(instance, method.DeclaringType!);
        var call = Expression.Call(target, method, BindArguments(method, parameters, arguments));
        var returnType = method.ReturnType;
        if (typeof(Task).IsAssignableFrom(returnType))
        {
            return new DelegateTaskBody(Expression.Lambda<Func<Task>>(Expression.Convert(call, typeof(Task))).Compile());
        }

        if (returnType == typeof(ValueTask))
        {
            return new ValueTaskBody(Expression.Lambda<Func<ValueTask>>(call).Compile());
        }

        if (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(ValueTask<>))
        {
            var bodyType = typeof(ValueTaskResultBody<>).MakeGenericType(returnType.GetGenericArguments());
            var lambda = Expression.Lambda(typeof(Func<>).MakeGenericType(returnType), call).Compile();
            return (TestBodyDelegate)Activator.CreateInstance(bodyType, lambda)!;
        }

        // void, or a value the test returns (NUnit's ExpectedResult): the value is dropped without boxing.
        return new DelegateActionBody(Expression.Lambda<Action>(Expression.Block(typeof(void), call)).Compile());
    }

    private static Expression[] BindArguments(MethodInfo method, ParameterInfo[] parameters, object?[] arguments)
    {
        if (arguments.Length > parameters.Length)
        {
            throw new ArgumentException($"The test method {method.Name} takes {parameters.Length} parameter(s) but was given {arguments.Length} argument(s).", nameof(arguments));
        }

        var bound = new Expression[parameters.Length];
        for (int i = 0; i < parameters.Length; i++)
        {
            var type = parameters[i].ParameterType;
            if (type.IsByRef)
            {
                throw new ArgumentException($"The test method {method.Name} has a ref or out parameter ({parameters[i].Name}), which [ZeroAlloc] cannot call again.", nameof(method));
            }

            object? value = i < arguments.Length ? arguments[i]
                : parameters[i].HasDefaultValue ? parameters[i].DefaultValue
                : throw new ArgumentException($"The test method {method.Name} was given no value for its parameter {parameters[i].Name}.", nameof(arguments));
            bound[i] = value is null
                ? Expression.Default(type)
                : Expression.Convert(Expression.Constant(value, typeof(object)), type);
        }

        return bound;
    }

    private sealed class BoundAction<T1>(Action<T1> body, T1 a1) : ActionBody
    {
        protected override void Invoke() => body(a1);
    }

    private sealed class BoundAction<T1, T2>(Action<T1, T2> body, T1 a1, T2 a2) : ActionBody
    {
        protected override void Invoke() => body(a1, a2);
    }

    private sealed class BoundAction<T1, T2, T3>(Action<T1, T2, T3> body, T1 a1, T2 a2, T3 a3) : ActionBody
    {
        protected override void Invoke() => body(a1, a2, a3);
    }

    private sealed class BoundTask<T1>(Func<T1, Task> body, T1 a1) : TaskBody
    {
        protected override Task Invoke() => body(a1);
    }

    private sealed class BoundTask<T1, T2>(Func<T1, T2, Task> body, T1 a1, T2 a2) : TaskBody
    {
        protected override Task Invoke() => body(a1, a2);
    }

    private sealed class BoundTask<T1, T2, T3>(Func<T1, T2, T3, Task> body, T1 a1, T2 a2, T3 a3) : TaskBody
    {
        protected override Task Invoke() => body(a1, a2, a3);
    }

    private sealed class DelegateActionBody(Action body) : ActionBody
    {
        protected override void Invoke() => body();
    }

    private sealed class DelegateTaskBody(Func<Task> body) : TaskBody
    {
        protected override Task Invoke() => body();
    }

    /// <summary>A synchronous body; <see cref="Invoke"/> is bound to a delegate once, outside the measured window.</summary>
    private abstract class ActionBody : TestBodyDelegate
    {
        public override AllocationReport AssertAtMost(long budget, AllocationOptions options, TestEndingRules endingRules) =>
            AllocationEngine.RunTestBody(Invoke, options, budget, endingRules);

        protected abstract void Invoke();
    }

    /// <summary>A <see cref="Task"/>-returning body, run on the single-thread pump.</summary>
    private abstract class TaskBody : TestBodyDelegate
    {
        public override AllocationReport AssertAtMost(long budget, AllocationOptions options, TestEndingRules endingRules) =>
            AllocationEngine.RunTestBody(Invoke, options, budget, endingRules);

        protected abstract Task Invoke();
    }

    private sealed class ValueTaskBody(Func<ValueTask> body) : TestBodyDelegate
    {
        public override AllocationReport AssertAtMost(long budget, AllocationOptions options, TestEndingRules endingRules) =>
            AllocationEngine.RunTestBody(body, options, budget, endingRules);
    }

    private sealed class ValueTaskResultBody<TResult>(Func<ValueTask<TResult>> body) : TestBodyDelegate
    {
        public override AllocationReport AssertAtMost(long budget, AllocationOptions options, TestEndingRules endingRules) =>
            AllocationEngine.RunTestBody(body, options, budget, endingRules);
    }
}
