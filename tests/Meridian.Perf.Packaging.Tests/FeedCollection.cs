namespace Meridian.Perf.Packaging.Tests;

/// <summary>All packaging tests share one packed feed, and run one after another (they start builds of their own).</summary>
[CollectionDefinition(Name)]
public sealed class FeedCollection : ICollectionFixture<LocalFeed>
{
    public const string Name = "packed feed";
}
