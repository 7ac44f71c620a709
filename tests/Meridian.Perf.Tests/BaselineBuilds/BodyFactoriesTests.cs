namespace Meridian.Perf.Tests.BaselineBuilds;

public sealed class BodyFactoriesTests
{
    [Fact]
    public void A_static_method_and_a_lambda_that_captures_nothing_are_accepted()
    {
        BodyFactories.Validate(StaticFactory);
        BodyFactories.Validate(static () => static () => BlackBox.Consume(1));
        BodyFactories.Validate(() => () => BlackBox.Consume(2));
    }

    [Fact]
    public void Captured_state_is_refused_naming_the_variable_and_how_to_write_it()
    {
        int size = 1000;

        var error = Assert.Throws<ArgumentException>(() => BodyFactories.Validate(() => () => BlackBox.Consume(size)));

        Assert.StartsWith("The body factory captures size: state made in the test's context would cross into the baseline build's context", error.Message, StringComparison.Ordinal);
        Assert.Contains("static Action ParseBody() { var parser = new Parser();", error.Message, StringComparison.Ordinal);
        Assert.Equal("factory", error.ParamName);
    }

    [Fact]
    public void An_instance_method_is_refused() =>
        Assert.Contains(
            "The body factory Meridian.Perf.Tests.BaselineBuilds.BodyFactoriesTests.InstanceFactory is an instance method of Meridian.Perf.Tests.BaselineBuilds.BodyFactoriesTests: that object was made in the test's context",
            Assert.Throws<ArgumentException>(() => BodyFactories.Validate(InstanceFactory)).Message,
            StringComparison.Ordinal);

    [Fact]
    public void A_lambda_that_uses_this_is_refused_naming_the_test_object() =>
        Assert.StartsWith(
            "The body factory is a lambda that uses this (the Meridian.Perf.Tests.BaselineBuilds.BodyFactoriesTests test object)",
            Assert.Throws<ArgumentException>(() => BodyFactories.Validate(() => InstanceFactory())).Message,
            StringComparison.Ordinal);

    [Fact]
    public void Capturing_this_and_a_variable_names_both()
    {
        int size = 3;

        Assert.StartsWith(
            "The body factory captures this (the test object), size:",
            Assert.Throws<ArgumentException>(() => BodyFactories.Validate(() => () => BlackBox.Consume(InstanceFactory().GetHashCode() + size))).Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_types_members_and_assemblies_are_told_apart_from_the_body_own_failures()
    {
        Assert.True(BodyFactories.IsMissing(new MissingMethodException("Method not found: 'Int64 Lib.Work.New(Int64)'."), out string what));
        Assert.Equal("MissingMethodException: Method not found: 'Int64 Lib.Work.New(Int64)'.", what);
        Assert.True(BodyFactories.IsMissing(new MissingFieldException("Field not found: 'Lib.Work.Count'."), out _));
        Assert.True(BodyFactories.IsMissing(new TypeInitializationException("Tests.Bodies", new TypeLoadException("Could not load type 'Lib.New'.")), out what));
        Assert.Equal("TypeLoadException: Could not load type 'Lib.New'.", what);
        Assert.True(BodyFactories.IsMissing(new FileNotFoundException("Could not load file or assembly", "Lib.Extra, Version=1.0.0.0, Culture=neutral, PublicKeyToken=null"), out _));

        Assert.False(BodyFactories.IsMissing(new FileNotFoundException("Could not find file", "/data/input.csv"), out _));
        Assert.False(BodyFactories.IsMissing(new InvalidOperationException("the body's own"), out _));
    }

    private static Action StaticFactory() => static () => BlackBox.Consume(3);

    private Action InstanceFactory() => () => BlackBox.Consume(GetHashCode());
}
