using System.Reflection;
using System.Runtime.CompilerServices;
using Meridian.Perf.Results;

namespace Meridian.Perf.Tests.Results;

public sealed class ResultNamesTests
{
    private const string Here = "Meridian.Perf.Tests.Results.ResultNamesTests";

    [Fact]
    public void A_direct_caller_is_named_by_its_type_and_method() =>
        Assert.Equal(Here + "." + nameof(A_direct_caller_is_named_by_its_type_and_method), CallerName());

    [Fact]
    public void A_lambda_is_named_after_the_method_it_was_written_in()
    {
        Func<string> lambda = () => CallerName();

        Assert.Equal(Here + "." + nameof(A_lambda_is_named_after_the_method_it_was_written_in), lambda());
    }

    [Fact]
    public void A_local_function_is_named_after_its_method()
    {
        Assert.Equal(Here + "." + nameof(A_local_function_is_named_after_its_method), Local());

        [MethodImpl(MethodImplOptions.NoInlining)]
        static string Local() => CallerName();
    }

    [Fact]
    public async Task An_async_method_is_named_after_itself_not_its_state_machine()
    {
        await Task.Yield();

        Assert.Equal(Here + "." + nameof(An_async_method_is_named_after_itself_not_its_state_machine), CallerName());
    }

    [Fact]
    public void A_test_with_arguments_is_named_as_runners_print_it()
    {
        var method = typeof(ResultNamesTests).GetMethod(nameof(Theory), BindingFlags.NonPublic | BindingFlags.Static)!;

        Assert.Equal(Here + ".Theory(3, \"a b\", 1.5, null, 'c')", ResultNames.ForTest(method, [3, "a b", 1.5, null, 'c']));
        Assert.Equal(Here + ".Theory", ResultNames.ForTest(method, null));
    }

    [Fact]
    public void Nested_and_generic_types_are_named_with_dots_and_without_arity() =>
        Assert.Equal(
            Here + ".Outer.Inner.Method",
            ResultNames.OfMethod(typeof(Outer<int>.Inner).GetMethod(nameof(Outer<int>.Inner.Method))!));

    // Stands in for a library entry point: the frames above this helper, as FromCaller sees them above core's frames.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static string CallerName() => ResultNames.FromFrames(new System.Diagnostics.StackTrace(1, fNeedFileInfo: false).GetFrames());

    private static void Theory(int a, string b, double c, object? d, char e) => GC.KeepAlive((a, b, c, d, e));

    private static class Outer<T>
    {
        public static class Inner
        {
            public static T? Method() => default;
        }
    }
}
