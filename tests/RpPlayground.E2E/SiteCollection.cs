namespace RpPlayground.E2E;

/// <summary>One site and one browser for every browser test; the tests run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class SiteCollection : ICollectionFixture<SiteFixture>
{
    public const string Name = "site";
}
